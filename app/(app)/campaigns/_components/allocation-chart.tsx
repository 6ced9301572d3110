"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { bottomAxis, chartMargin, gridStroke, leftAxis, legendProps, tooltipStyle } from "@/components/charts/chart-style";

const colours = ["#94a3b8", "#4f46e5", "#059669", "#f59e0b"];

/** A bandit's allocation over time: each variant's share of each wave's recipients (stacked to 100 %). */
export function AllocationChart({
  allocations,
  keys,
  waitMinutes,
  timeZone,
}: {
  allocations: { wave: number; at: string; recipients: number; shares: Record<string, number> }[];
  keys: string[];
  /** Minutes between waves: the last wave's step is drawn that wide. */
  waitMinutes: number;
  timeZone: string;
}) {
  const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "short", timeZone });
  const row = (at: string, shares: Record<string, number>) => ({
    at,
    ...Object.fromEntries(keys.map((k) => [k, Math.round((shares[k] ?? 0) * 1000) / 10])),
  });
  const last = allocations.at(-1);
  // Each wave holds until the next: the last one until its wait is over (a step needs an end).
  const data = [
    ...allocations.map((a) => row(a.at, a.shares)),
    ...(last ? [row(new Date(Date.parse(last.at) + waitMinutes * 60_000).toISOString(), last.shares)] : []),
  ];
  return (
    <div className="h-64 w-full" role="img" aria-label="Share of each wave's recipients per variant over time">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={chartMargin}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={gridStroke} />
          <XAxis
            dataKey="at"
            tickFormatter={(v: string) => format.format(new Date(v))}
            minTickGap={24}
            {...bottomAxis(`Wave start (${timeZone})`)}
          />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}`} {...leftAxis("Share of the wave (%)", 56)} />
          <Tooltip
            labelFormatter={(v) => format.format(new Date(String(v)))}
            formatter={(v) => `${String(v)} %`}
            contentStyle={tooltipStyle}
          />
          <Legend {...legendProps} />
          {keys.map((k, i) => (
            <Area
              key={k}
              dataKey={k}
              name={`Variant ${k}`}
              stackId="share"
              type="stepAfter"
              stroke={colours[i]}
              fill={colours[i]}
              fillOpacity={0.5}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
