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
        <RadarChart data={data} outerRadius="62%" margin={{ top: 16, right: 48, bottom: 16, left: 48 }}>
          <PolarGrid stroke="#e2e8f0" />
          <PolarAngleAxis dataKey="feature" tick={{ fontSize: 11, fill: "#475569" }} />
          <PolarRadiusAxis
            angle={90}
            domain={[-2, 2]}
            tickCount={3}
            tick={{ fontSize: 10, fill: "#94a3b8" }}
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
