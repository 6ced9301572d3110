"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMonth, formatNumber } from "../format";
import { bottomAxis, chartMargin, gridStroke, leftAxis, legendProps, tooltipStyle } from "./chart-style";

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
        <BarChart data={data} margin={chartMargin}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={gridStroke} />
          <XAxis dataKey="month" tickFormatter={formatMonth} {...bottomAxis("Month")} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} {...leftAxis("Records (people)")} />
          <Tooltip
            formatter={(value, name) => [formatNumber(Number(value)), String(name)]}
            labelFormatter={(l) => formatMonth(String(l))}
            contentStyle={tooltipStyle}
          />
          <Legend {...legendProps} />
          <Bar dataKey="granted" name="Granted" stackId="s" fill="#34d399" maxBarSize={28} />
          <Bar dataKey="denied" name="Denied" stackId="s" fill="#fb7185" maxBarSize={28} />
          <Bar dataKey="withdrawn" name="Withdrawn" stackId="s" fill="#fbbf24" maxBarSize={28} radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
