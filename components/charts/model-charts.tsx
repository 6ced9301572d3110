"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ReactNode } from "react";
import type { CalibrationBin, LiftDecile } from "@/lib/scoring/models/classification-metrics";
import { axisLabel, axisTick, gridStroke, legendProps, tooltipStyle } from "./chart-style";

const margin = { top: 8, right: 16, bottom: 28, left: 16 };
const pct = (v: number) => `${Math.round(v * 100)} %`;
const yLabel = (value: string) => ({
  value,
  angle: -90,
  position: "insideLeft" as const,
  offset: 4,
  ...axisLabel,
  style: { textAnchor: "middle" as const },
});
const xLabel = (value: string) => ({ value, position: "insideBottom" as const, offset: -16, ...axisLabel });

function Frame({ testId, label, children, height = "h-64" }: { testId: string; label: string; children: ReactNode; height?: string }) {
  return (
    <div className={`${height} w-full`} role="img" aria-label={label} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        {children as never}
      </ResponsiveContainer>
    </div>
  );
}

/** CLV holdout check: mean predicted vs mean actual repeat purchases in the holdout, by repeat purchases in the calibration period. */
export function PredictedActualChart({
  data,
  holdoutDays,
}: {
  data: { frequency: number; customers: number; predicted: number; actual: number }[];
  holdoutDays: number;
}) {
  const rows = data.map((d) => ({ ...d, group: d.frequency >= 7 ? "7+" : String(d.frequency) }));
  return (
    <Frame testId="predicted-actual-chart" label="Predicted and actual repeat purchases in the holdout by calibration repeat purchases">
      <BarChart data={rows} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" stroke={gridStroke} />
        <XAxis dataKey="group" tick={axisTick} label={xLabel("Repeat purchases in the calibration period")} />
        <YAxis tick={axisTick} width={56} label={yLabel(`Purchases per customer (${holdoutDays} days)`)} />
        <Tooltip
          contentStyle={tooltipStyle}
          formatter={(v, name) => [Number(v).toFixed(2), String(name)]}
          labelFormatter={(g, p) =>
            `${g} calibration repeat purchases · ${(p?.[0]?.payload as { customers?: number })?.customers ?? "?"} customers`
          }
        />
        <Legend {...legendProps} />
        <Bar dataKey="predicted" name="Predicted (BG/NBD)" fill="#4f46e5" isAnimationActive={false} />
        <Bar dataKey="actual" name="Actual" fill="#ea580c" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

/** Reliability: observed rate against mean predicted probability per tenth, with the diagonal of a perfectly calibrated model. */
export function CalibrationChart({ data, outcome }: { data: CalibrationBin[]; outcome: string }) {
  const points = data.map((b) => ({ predicted: b.meanPredicted, observed: b.observedRate, count: b.count }));
  return (
    <Frame testId="calibration-chart" label={`Calibration: observed ${outcome} rate against predicted probability`}>
      <ComposedChart data={points} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" stroke={gridStroke} />
        <XAxis
          dataKey="predicted"
          type="number"
          domain={[0, 1]}
          ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
          tickFormatter={pct}
          tick={axisTick}
          label={xLabel("Predicted probability")}
        />
        <YAxis
          type="number"
          domain={[0, 1]}
          ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
          tickFormatter={pct}
          tick={axisTick}
          width={56}
          label={yLabel(`Observed ${outcome} rate`)}
        />
        <Tooltip
          contentStyle={tooltipStyle}
          formatter={(v, name) => [pct(Number(v)), String(name)]}
          labelFormatter={(v) => `Predicted ${pct(Number(v))}`}
        />
        <ReferenceLine
          segment={[
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ]}
          stroke="#94a3b8"
          strokeDasharray="4 4"
          ifOverflow="extendDomain"
        />
        <Line dataKey="observed" name="Observed rate" stroke="#4f46e5" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
        <Scatter dataKey="observed" fill="#4f46e5" isAnimationActive={false} legendType="none" />
      </ComposedChart>
    </Frame>
  );
}

/** Lift by decile: each tenth of customers (highest scores first), its positive rate over the overall rate. */
export function LiftChart({ data }: { data: LiftDecile[] }) {
  return (
    <Frame testId="lift-chart" label="Lift by decile of the score">
      <BarChart data={data} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" stroke={gridStroke} />
        <XAxis dataKey="decile" tick={axisTick} label={xLabel("Decile of the score (1 = highest tenth)")} />
        <YAxis tick={axisTick} width={56} label={yLabel("Lift (× the average rate)")} />
        <Tooltip
          contentStyle={tooltipStyle}
          formatter={(v, _n, p) => [`${Number(v).toFixed(2)} × (rate ${pct((p.payload as LiftDecile).rate)})`, "Lift"]}
          labelFormatter={(d) => `Decile ${d}`}
        />
        <ReferenceLine
          y={1}
          stroke="#94a3b8"
          strokeDasharray="4 4"
          label={{ value: "average", position: "insideTopRight", fontSize: 11, fill: "#64748b" }}
        />
        <Bar dataKey="lift" name="Lift" fill="#0891b2" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

/** Feature importance of the chosen model, largest first (share of the total). */
export function ImportanceChart({
  data,
  describe,
}: {
  data: { feature: string; importance: number }[];
  describe: (feature: string) => string;
}) {
  const rows = data.slice(0, 10).map((d) => ({ name: describe(d.feature), importance: d.importance }));
  return (
    <Frame testId="importance-chart" label="Feature importance" height="h-80">
      <BarChart data={rows} layout="vertical" margin={{ ...margin, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke={gridStroke} horizontal={false} />
        <XAxis type="number" tickFormatter={pct} tick={axisTick} label={xLabel("Share of the model's importance")} />
        <YAxis type="category" dataKey="name" tick={axisTick} width={190} interval={0} />
        <Tooltip contentStyle={tooltipStyle} formatter={(v) => [pct(Number(v)), "Importance"]} />
        <Bar dataKey="importance" name="Importance" fill="#4f46e5" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

/** How many customers carry each range of the score. */
export function ScoreDistributionChart({
  bins,
  label,
  probability,
}: {
  bins: { from: number; to: number; customers: number }[];
  label: string;
  probability: boolean;
}) {
  const fmt = (v: number) => (probability ? pct(v) : new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }).format(v));
  const rows = bins.map((b, i) => ({ ...b, range: `${fmt(b.from)}–${fmt(b.to)}${!probability && i === bins.length - 1 ? "+" : ""}` }));
  return (
    <Frame testId="score-distribution-chart" label={`Distribution of ${label}`} height="h-56">
      <BarChart data={rows} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" stroke={gridStroke} />
        <XAxis
          dataKey="range"
          tick={{ ...axisTick, fontSize: 10 }}
          interval={0}
          label={xLabel(probability ? label : `${label} (currency)`)}
        />
        <YAxis tick={axisTick} width={56} allowDecimals={false} label={yLabel("Customers")} />
        <Tooltip contentStyle={tooltipStyle} formatter={(v) => [Number(v).toLocaleString("en-GB"), "Customers"]} />
        <Bar dataKey="customers" name="Customers" fill="#64748b" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

/** Hit rate @k of the model against the popularity baseline. */
export function HitRateChart({ model, popularity, k }: { model: number; popularity: number; k: number }) {
  const rows = [
    { name: "Item-to-item model", rate: model, fill: "#4f46e5" },
    { name: "Most popular products", rate: popularity, fill: "#94a3b8" },
  ];
  return (
    <Frame testId="hit-rate-chart" label={`Hit rate at ${k}: model against popularity`} height="h-48">
      <BarChart data={rows} layout="vertical" margin={{ ...margin, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke={gridStroke} horizontal={false} />
        <XAxis
          type="number"
          domain={[0, 1]}
          tickFormatter={pct}
          tick={axisTick}
          label={xLabel(`Customers who bought one of the ${k} recommended`)}
        />
        <YAxis type="category" dataKey="name" tick={axisTick} width={170} />
        <Tooltip contentStyle={tooltipStyle} formatter={(v) => [pct(Number(v)), `Hit rate @${k}`]} />
        <Bar dataKey="rate" name={`Hit rate @${k}`} isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.name} fill={r.fill} />
          ))}
        </Bar>
      </BarChart>
    </Frame>
  );
}
