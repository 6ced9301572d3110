"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMonth, formatNumber } from "../format";

export interface ConsentChartPoint {
  month: string;
  granted: number;
  denied: number;
  withdrawn: number;
}

/** Consent records per month, stacked by status. */
export function ConsentChart({ data, purposeLabel }: { data: ConsentChartPoint[]; purposeLabel: string }) {
  return (
    <div className="h-72 w-full" role="img" aria-label={`Consent records per month for ${purposeLabel}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 24, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="month"
            tickFormatter={formatMonth}
            tick={{ fontSize: 12, fill: "#64748b" }}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
            label={{ value: "Month", position: "insideBottom", offset: -16, fontSize: 12, fill: "#475569" }}
          />
          <YAxis
            allowDecimals={false}
            tickFormatter={(v: number) => formatNumber(v)}
            tick={{ fontSize: 12, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
            width={64}
            label={{
              value: "Records (people)",
              angle: -90,
              position: "insideLeft",
              offset: -4,
              fontSize: 12,
              fill: "#475569",
              style: { textAnchor: "middle" },
            }}
          />
          <Tooltip
            formatter={(value, name) => [formatNumber(Number(value)), String(name)]}
            labelFormatter={(l) => formatMonth(String(l))}
            contentStyle={{ borderRadius: 8, borderColor: "#e2e8f0", fontSize: 13 }}
          />
          <Legend verticalAlign="top" height={32} iconType="circle" wrapperStyle={{ fontSize: 13 }} />
          <Bar dataKey="granted" name="Granted" stackId="s" fill="#34d399" maxBarSize={28} />
          <Bar dataKey="denied" name="Denied" stackId="s" fill="#fb7185" maxBarSize={28} />
          <Bar dataKey="withdrawn" name="Withdrawn" stackId="s" fill="#fbbf24" maxBarSize={28} radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
