"use client";

import { useQuery } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { formatDateTime, formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { dimensionLabels, metricLabels } from "@/lib/experiments/schemas";
import type { StepExperimentReport } from "@/lib/flows/experiments/get-step-experiment-report";
import { flowQueries } from "@/lib/query/flows";
import { AllocationChart } from "../../../campaigns/_components/allocation-chart";

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const points = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(100 * v).toFixed(1)} pts`;
const minutesLabel = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${m} min`);

function Decision({ r }: { r: StepExperimentReport }) {
  const { setup } = r;
  if (r.status === "not_started")
    return (
      <Alert tone="info" title="Waiting for the first people">
        Nobody has reached this step since the experiment was set up. Figures appear as people arrive.
      </Alert>
    );
  if (r.status === "decided")
    return (
      <Alert tone="success" title={`Winner: variant ${r.winner}`}>
        {r.reason ? `${r.reason.replace(/\.?$/, ".")} ` : ""}Decided {formatDateTime(r.decidedAt, r.timeZone)}; everyone who reaches the
        step now gets {r.winner}
        {setup.holdoutPercent ? ` (the holdout, ${setup.holdoutPercent} %, still gets nothing)` : ""}.
      </Alert>
    );
  if (setup.mode === "bandit")
    return (
      <Alert tone="info" title="Bandit learning">
        {r.reason ?? "Shares are even until the first update."} Shares are updated every {minutesLabel(setup.waitMinutes)} from the{" "}
        {metricLabels[setup.metric]} so far.
      </Alert>
    );
  return (
    <Alert tone="info" title={setup.mode === "sequential" ? "Sequential test running" : "Testing"}>
      {r.reason ?? "Waiting for the first results."}
      {r.decidesAt ? ` The winner is chosen at ${formatDateTime(r.decidesAt, r.timeZone)}.` : ""}
    </Alert>
  );
}

/** A send step's experiment on the flow page: each variant's figures and interval, the lift over the holdout, the decision, a bandit's shares. */
export function StepExperimentReportPanel({ stepId }: { stepId: string }) {
  const flowId = useParams<{ id: string }>().id;
  const { data: r, error, isPending } = useQuery(flowQueries.stepExperiment(flowId, stepId));
  if (error)
    return (
      <p className="text-xs text-rose-700">
        The experiment&apos;s figures could not be loaded: {error.message}. They refresh on their own.
      </p>
    );
  if (isPending) return <p className="text-xs text-slate-500">Loading the experiment&apos;s figures…</p>;
  if (!r) return null;
  const { setup } = r;
  const metric = metricLabels[setup.metric];
  const rule =
    setup.mode === "test"
      ? `${formatNumber(setup.samplePerVariant)} per variant, then ${minutesLabel(setup.waitMinutes)} for ${metric.replace(" rate", "s")}, at α ${setup.alpha}`
      : setup.mode === "sequential"
        ? `sequential test at α ${setup.alpha}, at most ${formatNumber(setup.samplePerVariant)} per variant`
        : `Thompson sampling, updated every ${minutesLabel(setup.waitMinutes)}`;
  return (
    <section
      className="mt-2 w-full space-y-3 rounded-lg border border-indigo-200 bg-white p-3 shadow-sm"
      aria-label={`Experiment of step ${stepId}`}
    >
      <div>
        <p className="text-sm font-semibold text-slate-900">
          {setup.mode === "bandit" ? "Bandit" : "A/B test"} on {dimensionLabels[setup.dimension].toLowerCase()}
        </p>
        <p className="text-xs text-slate-600">
          Winner by {metric}: {rule}. Intervals are 95 %.
        </p>
      </div>
      <Decision r={r} />
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-xs" data-testid="step-variant-table">
          <thead className="bg-slate-50 text-left font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              <th className="px-2 py-1.5">Variant</th>
              <th className="px-2 py-1.5 text-right">Sent</th>
              <th className="px-2 py-1.5 text-right">Opened</th>
              <th className="px-2 py-1.5 text-right">Clicked</th>
              <th className="px-2 py-1.5 text-right capitalize">{metric}</th>
              <th className="px-2 py-1.5 text-right">Versus A</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {r.variants.map((v) => (
              <tr key={v.key} className={v.key === r.winner ? "bg-emerald-50" : undefined} data-variant={v.key}>
                <td className="max-w-[12rem] px-2 py-1.5">
                  <span className="font-semibold">{v.key}</span>
                  {v.key === r.winner ? <span className="ml-1 text-emerald-700">winner</span> : null}
                  <span className="block truncate text-slate-500" title={v.value}>
                    {v.value}
                  </span>
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatNumber(v.sent)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatNumber(v.opened)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatNumber(v.clicked)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">
                  {v.sent ? (
                    <>
                      {pct(v.rate)}
                      <span className="block text-slate-500">
                        {pct(v.lower)} – {pct(v.upper)}
                      </span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums">
                  {v.vsControl ? (
                    <>
                      {points(v.vsControl.difference)}
                      <span className="block text-slate-500">
                        {points(v.vsControl.lower)} to {points(v.vsControl.upper)}
                      </span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
            {setup.holdoutPercent ? (
              <tr data-variant="holdout">
                <td className="px-2 py-1.5">
                  <span className="font-semibold">Holdout</span>
                  <span className="block text-slate-500">sent nothing, went on</span>
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatNumber(r.holdout?.size ?? 0)} held out</td>
                <td colSpan={4} className="px-2 py-1.5 text-slate-600">
                  {r.holdout
                    ? `${formatNumber(r.holdout.converted)} bought within ${r.attributionDays} days (${pct(r.holdout.rate)})`
                    : "Nobody held out yet."}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {r.lift ? (
        <p data-testid="step-holdout-lift" className="rounded-md bg-slate-50 p-2 text-xs text-slate-700">
          <span className="font-semibold">Lift over the holdout:</span> {pct(r.lift.treatedRate)} of those emailed bought within{" "}
          {r.attributionDays} days against {pct(r.lift.holdoutRate)} of the holdout: {points(r.lift.absoluteLift)} ({points(r.lift.lower)}{" "}
          to {points(r.lift.upper)}), about {formatNumber(Math.round(r.lift.incrementalConversions))} purchases this email added.
        </p>
      ) : setup.holdoutPercent === 0 ? (
        <p className="text-xs text-slate-500">
          No holdout: what this email adds cannot be measured. Set a holdout % in the step&apos;s editor.
        </p>
      ) : null}
      {setup.mode === "bandit" && r.allocations.length > 1 ? (
        <AllocationChart
          allocations={r.allocations}
          keys={setup.variants.map((v) => v.key)}
          waitMinutes={setup.waitMinutes}
          timeZone={r.timeZone}
        />
      ) : null}
      {r.earlier ? (
        <p className="text-xs text-slate-500">
          {formatNumber(r.earlier)} people reached this step under an earlier setup of the experiment; they are not counted here.
        </p>
      ) : null}
    </section>
  );
}
