"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, bottomTitle, sideTitle } from "./chart-style";

export interface ElbowPoint {
  k: number;
  inertia: number;
  silhouette: number | null;
}

const compact = (v: number) => new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 }).format(v);

/** Inertia (left axis) and silhouette (right axis) for each k, with the suggested and the chosen k marked. */
export function ElbowChart({ data, suggestedK, chosenK }: { data: ElbowPoint[]; suggestedK: number | null; chosenK: number | null }) {
  return (
    <div
      className="h-72 w-full"
      role="img"
      aria-label="Elbow chart: inertia and silhouette for each number of clusters k"
      data-testid="elbow-chart"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 24, bottom: 24, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="k"
            type="number"
            domain={["dataMin", "dataMax"]}
            allowDecimals={false}
            tick={axisTick}
            label={bottomTitle("Number of clusters k", -14)}
          />
          <YAxis
            yAxisId="inertia"
            tickFormatter={compact}
            tick={axisTick}
            width={64}
            label={sideTitle("Inertia (sum of squared distances)", { offset: -4 })}
          />
          <YAxis
            yAxisId="silhouette"
            orientation="right"
            domain={[-0.1, 1]}
            tick={axisTick}
            width={48}
            label={sideTitle("Silhouette (−1 to 1)", { side: "right" })}
          />
          <Tooltip
            formatter={(value, name) => [name === "Inertia" ? compact(Number(value)) : Number(value).toFixed(3), String(name)]}
            labelFormatter={(k) => `k = ${k}`}
            contentStyle={{ borderRadius: 8, fontSize: 13 }}
          />
          <Legend verticalAlign="top" height={28} iconType="circle" wrapperStyle={{ fontSize: 13 }} />
          {suggestedK ? (
            <ReferenceLine
              yAxisId="inertia"
              x={suggestedK}
              stroke="#16a34a"
              strokeDasharray="4 4"
              label={{ value: `suggested k = ${suggestedK}`, position: "top", fontSize: 11, fill: "#16a34a" }}
            />
          ) : null}
          {chosenK && chosenK !== suggestedK ? (
            <ReferenceLine
              yAxisId="inertia"
              x={chosenK}
              stroke="#4f46e5"
              strokeDasharray="2 2"
              label={{ value: `used k = ${chosenK}`, position: "insideTopRight", fontSize: 11, fill: "#4f46e5" }}
            />
          ) : null}
          <Line
            yAxisId="inertia"
            dataKey="inertia"
            name="Inertia"
            stroke="#4f46e5"
            strokeWidth={2.5}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
          <Line
            yAxisId="silhouette"
            dataKey="silhouette"
            name="Silhouette"
            stroke="#ea580c"
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
