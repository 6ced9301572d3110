"use client";

import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, bottomTitle, sideTitle } from "./chart-style";
import { clusterColor } from "./cluster-colors";

/** The axis of principal component `n`, read from the points' `key`. */
const componentAxis = (key: "x" | "y", n: number) =>
  ({ type: "number", dataKey: key, name: `PC ${n}`, tick: axisTick, tickFormatter: (v: number) => v.toFixed(1) }) as const;

/** A sample of customers on the first two principal components, coloured by cluster. */
export function ClusterScatter({
  points,
  names,
  variance,
}: {
  points: { x: number; y: number; cluster: number }[];
  names: string[];
  variance: [number, number] | null;
}) {
  const clusters = [...new Set(points.map((p) => p.cluster))].sort((a, b) => a - b);
  const pct = (v: number | undefined) => (v === undefined ? "" : ` (${(v * 100).toFixed(0)} % of variance)`);
  return (
    <div
      className="h-80 w-full"
      role="img"
      aria-label="Scatter of a sample of customers on the first two principal components, coloured by cluster"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis {...componentAxis("x", 1)} label={bottomTitle(`Principal component 1${pct(variance?.[0])}`, -14)} />
          <YAxis {...componentAxis("y", 2)} width={48} label={sideTitle(`Principal component 2${pct(variance?.[1])}`)} />
          <Tooltip
            cursor={{ strokeDasharray: "3 3" }}
            formatter={(v) => Number(v).toFixed(2)}
            contentStyle={{ borderRadius: 8, fontSize: 13 }}
          />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} />
          {clusters.map((c) => (
            <Scatter
              key={c}
              name={c < 0 ? "Noise" : (names[c] ?? `Cluster ${c + 1}`)}
              data={points.filter((p) => p.cluster === c)}
              fill={clusterColor(c)}
              fillOpacity={0.6}
              isAnimationActive={false}
            />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
