"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { bottomAxis, chartMargin, gridStroke, leftAxis, legendProps, tooltipStyle } from "@/components/charts/chart-style";

const colours = ["#94a3b8", "#4f46e5", "#059669", "#f59e0b"];

/** A bandit's allocation over time: each variant's share of each wave's recipients (stacked to 100 %). */
export function AllocationChart({
  allocations,
  keys,
  timeZone,
}: {
  allocations: { wave: number; at: string; recipients: number; shares: Record<string, number> }[];
  keys: string[];
  timeZone: string;
}) {
  const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "short", timeZone });
  const data = allocations.map((a) => ({
    at: a.at,
    ...Object.fromEntries(keys.map((k) => [k, Math.round((a.shares[k] ?? 0) * 1000) / 10])),
  }));
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
