"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, bottomTitle, sideTitle } from "./chart-style";

/**
 * A descending curve of distances with a marked value: DBSCAN's k-distance chart (eps at the knee)
 * or Ward's merge heights (the cut height). Distances are in preprocessed (scaled) units.
 */
export function DistanceChart({
  values,
  marked,
  xLabel,
  yLabel,
  markLabel,
  ariaLabel,
}: {
  values: number[];
  marked: number | null;
  xLabel: string;
  yLabel: string;
  markLabel: string;
  ariaLabel: string;
}) {
  const data = values.map((v, i) => ({ i: i + 1, v }));
  return (
    <div className="h-64 w-full" role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 24, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="i" type="number" domain={[1, "dataMax"]} tick={axisTick} label={bottomTitle(xLabel, -14)} />
          <YAxis tick={axisTick} width={56} tickFormatter={(v: number) => v.toFixed(2)} label={sideTitle(yLabel)} />
          <Tooltip
            formatter={(v) => Number(v).toFixed(3)}
            labelFormatter={(i) => `${xLabel}: ${i}`}
            contentStyle={{ borderRadius: 8, fontSize: 13 }}
          />
          {marked !== null ? (
            <ReferenceLine
              y={marked}
              stroke="#16a34a"
              strokeDasharray="4 4"
              label={{ value: markLabel, position: "insideTopRight", fontSize: 11, fill: "#16a34a" }}
            />
          ) : null}
          <Line dataKey="v" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
