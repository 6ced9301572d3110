"use client";

import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney, formatMonth } from "../format";
import { bottomAxis, chartMargin, gridStroke, leftAxis, legendProps, tooltipStyle } from "./chart-style";

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
          <ComposedChart data={data} margin={chartMargin}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={gridStroke} />
            <XAxis dataKey="month" tickFormatter={monthLabel} {...bottomAxis("Month")} />
            <YAxis tickFormatter={money} {...leftAxis(`Revenue (${currency})`, 72)} />
            <Tooltip
              formatter={(value, name) => [formatMoney(Number(value), currency), String(name)]}
              labelFormatter={(label) => monthLabel(String(label))}
              contentStyle={tooltipStyle}
            />
            <Legend {...legendProps} />
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
