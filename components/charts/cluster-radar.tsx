"use client";

import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from "recharts";
import { clusterColor } from "./cluster-colors";

/**
 * One cluster's profile: per feature, how far its mean is from the population's, in population
 * standard deviations (0 = like everyone; the radius axis is clamped to ±2 for legibility).
 */
export function ClusterRadar({ cluster, name, axes }: { cluster: number; name: string; axes: { label: string; difference: number }[] }) {
  const data = axes.map((a) => ({ feature: a.label, value: Math.max(-2, Math.min(2, a.difference)), raw: a.difference, zero: 0 }));
  return (
    <div
      className="h-72 w-full"
      role="img"
      aria-label={`Radar chart of ${name}: difference from the population per feature, in standard deviations`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <RadarChart data={data} outerRadius="58%" margin={{ top: 24, right: 56, bottom: 24, left: 56 }}>
          <PolarGrid stroke="#e2e8f0" />
          <PolarAngleAxis dataKey="feature" tick={WrappedTick} />
          <PolarRadiusAxis
            angle={90}
            domain={[-2, 2]}
            tickCount={3}
            tick={{ fontSize: 10, fill: "#5b6577" }}
            tickFormatter={(v: number) => `${v > 0 ? "+" : ""}${v} sd`}
          />
          <Radar name="Population" dataKey="zero" stroke="#94a3b8" fill="none" strokeDasharray="3 3" isAnimationActive={false} />
          <Radar
            name={name}
            dataKey="value"
            stroke={clusterColor(cluster)}
            fill={clusterColor(cluster)}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
          <Tooltip
            formatter={(_v, n, item) => [
              `${Number((item.payload as { raw: number }).raw).toFixed(2)} sd from the population mean`,
              String(n),
            ]}
            contentStyle={{ borderRadius: 8, fontSize: 12 }}
          />
        </RadarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A feature label on at most three short lines, so long names ("Average order value") are never cut at the chart's edge. */
function WrappedTick(props: { x?: number | string; y?: number | string; textAnchor?: string; payload?: { value?: unknown } }) {
  const words = String(props.payload?.value ?? "").split(" ");
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + " " + w).length <= 14) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  const y = Number(props.y ?? 0) - ((lines.length - 1) * 12) / 2;
  return (
    <text x={props.x} y={y} textAnchor={props.textAnchor as "start" | "middle" | "end" | undefined} fontSize={11} fill="#475569">
      {lines.map((line, i) => (
        <tspan key={i} x={props.x} dy={i === 0 ? 0 : 12}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
