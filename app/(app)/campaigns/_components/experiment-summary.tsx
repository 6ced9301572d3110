import { formatNumber } from "@/components/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { dimensionLabels, metricLabels, type ExperimentDimension, type ExperimentMetric } from "@/lib/experiments/schemas";
import { planSplit } from "@/lib/experiments/plan-split";

export interface ExperimentPlan {
  mode: string;
  dimension: string;
  metric: string;
  method: string;
  alpha: number;
  testPercent: number;
  holdoutPercent: number;
  waitMinutes: number;
  variants: { key: string; value: string }[];
}

export function waitLabel(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : minutes > 60 ? `${(minutes / 60).toFixed(1)} h` : `${minutes} min`;
}

/** One sentence of what the experiment will do with the audience counted now. */
export function experimentEffect(e: ExperimentPlan, willReceive: number): string {
  const s = planSplit(willReceive, { ...e, variants: e.variants.length });
  const holdout = s.holdout ? ` ${formatNumber(s.holdout)} (the holdout) get nothing.` : "";
  if (e.mode === "bandit")
    return `Waves of about ${formatNumber(s.test)} every ${waitLabel(e.waitMinutes)}, shifting towards the variant with the best ${metricLabels[e.metric as ExperimentMetric]}.${holdout}`;
  if (e.dimension === "send_time")
    return `${formatNumber(s.test)} get one of ${e.variants.length} send times; ${formatNumber(s.rest)} get the winning time, ${waitLabel(e.waitMinutes)} after the last one.${holdout}`;
  return `${formatNumber(s.test)} get one of ${e.variants.length} variants now; ${formatNumber(s.rest)} get the winner after ${waitLabel(e.waitMinutes)}.${holdout}`;
}

/** The review's account of the experiment: variants, split, metric and winner rule. */
export function ExperimentSummary({ experiment: e, willReceive }: { experiment: ExperimentPlan; willReceive: number }) {
  const s = planSplit(willReceive, { ...e, variants: e.variants.length });
  const rule =
    e.mode === "bandit"
      ? `Thompson sampling: each wave's shares are the chances that each variant is the best, from the ${e.metric === "revenue" ? "revenue per recipient" : "responses"} so far.`
      : e.dimension === "send_time"
        ? `Fixed horizon: each variant is sent at its time in each recipient's time zone (the next one after the start) and measured over ${waitLabel(e.waitMinutes)} after it; decided ${waitLabel(e.waitMinutes)} after the last one at α ${e.alpha}, the rest then get the winning time (its next one), within the frequency cap. With no significant winner, they get A's.`
        : e.method === "sequential"
          ? `Sequential test (α ${e.alpha}): a winner as soon as one beats every other beyond chance, else the control (A) at the deadline, ${waitLabel(e.waitMinutes)} after the start.`
          : `Fixed horizon: decided ${waitLabel(e.waitMinutes)} after the start, at α ${e.alpha}${e.metric === "revenue" ? " by Welch's t on revenue per recipient" : ""}; with no significant winner, the rest get the control (A).`;
  return (
    <Card>
      <CardHeader
        title={`${e.mode === "bandit" ? "Bandit" : "A/B test"} on ${dimensionLabels[e.dimension as ExperimentDimension].toLowerCase()}`}
        description={`Winner by ${metricLabels[e.metric as ExperimentMetric]}. ${rule}`}
      />
      <CardBody className="space-y-3">
        <ul className="space-y-1 text-sm text-slate-700" data-testid="experiment-variants">
          {e.variants.map((v) => (
            <li key={v.key}>
              <span className="font-semibold">{v.key}</span> · {v.value}
            </li>
          ))}
        </ul>
        <p className="text-sm text-slate-700" data-testid="experiment-split">
          Of {formatNumber(willReceive)} who will receive it:{" "}
          {e.mode === "bandit" ? (
            <>
              waves of {formatNumber(s.test)} ({e.testPercent} %)
            </>
          ) : (
            <>
              {formatNumber(s.test)} in the test ({e.testPercent} %, about {formatNumber(s.perVariant)} per variant), {formatNumber(s.rest)}{" "}
              wait for the winner
            </>
          )}
          , {formatNumber(s.holdout)} in the holdout ({e.holdoutPercent} %, sent nothing).
        </p>
      </CardBody>
    </Card>
  );
}
