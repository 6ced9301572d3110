"use client";

import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney, formatMonth } from "../format";

export interface RevenuePoint {
  month: string;
  purchases: number;
  cancellations: number;
  net: number;
}

/**
 * Monthly revenue: purchases and cancellations as bars, net revenue as a line, in `currency`. The
 * current month (`partialMonth`, "YYYY-MM"), still under way, is labelled "so far" and drawn lighter.
 */
export function RevenueChart({ data, currency, partialMonth }: { data: RevenuePoint[]; currency: string; partialMonth?: string }) {
  const money = (v: number) => formatMoney(v, currency, { compact: true });
  const monthLabel = (m: string) => (m === partialMonth ? `${formatMonth(m)} (so far)` : formatMonth(m));
  const partial = data.some((d) => d.month === partialMonth);
  return (
    <div className="w-full">
      <div
        className="h-80 w-full"
        role="img"
        aria-label={`Monthly revenue in ${currency}${partial ? "; the last month is still under way" : ""}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 24, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis
              dataKey="month"
              tickFormatter={monthLabel}
              tick={{ fontSize: 12, fill: "#64748b" }}
              tickLine={false}
              axisLine={{ stroke: "#cbd5e1" }}
              label={{ value: "Month", position: "insideBottom", offset: -16, fontSize: 12, fill: "#475569" }}
            />
            <YAxis
              tickFormatter={money}
              tick={{ fontSize: 12, fill: "#64748b" }}
              tickLine={false}
              axisLine={false}
              width={72}
              label={{
                value: `Revenue (${currency})`,
                angle: -90,
                position: "insideLeft",
                offset: -8,
                fontSize: 12,
                fill: "#475569",
                style: { textAnchor: "middle" },
              }}
            />
            <Tooltip
              formatter={(value, name) => [formatMoney(Number(value), currency), String(name)]}
              labelFormatter={(label) => monthLabel(String(label))}
              contentStyle={{ borderRadius: 8, borderColor: "#e2e8f0", fontSize: 13 }}
            />
            <Legend verticalAlign="top" height={32} iconType="circle" wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="purchases" name="Purchases" fill="#a5b4fc" radius={[3, 3, 0, 0]} maxBarSize={28}>
              {data.map((d) => (
                <Cell key={d.month} fillOpacity={d.month === partialMonth ? 0.45 : 1} />
              ))}
            </Bar>
            <Bar dataKey="cancellations" name="Cancellations" fill="#fda4af" radius={[3, 3, 0, 0]} maxBarSize={28}>
              {data.map((d) => (
                <Cell key={d.month} fillOpacity={d.month === partialMonth ? 0.45 : 1} />
              ))}
            </Bar>
            <Line dataKey="net" name="Net revenue" type="monotone" stroke="#4f46e5" strokeWidth={2.5} dot={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {partial ? (
        <p className="mt-2 text-xs text-slate-600" data-testid="partial-month">
          {formatMonth(partialMonth!)} is still under way: its bars (drawn lighter) hold the days so far, not a whole month.
        </p>
      ) : null}
    </div>
  );
}
