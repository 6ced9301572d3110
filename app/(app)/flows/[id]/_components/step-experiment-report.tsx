"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { VariantTableView } from "@/components/experiments/variant-table-view";
import { callAction } from "@/components/forms/call-action";
import { formatDateTime, formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { dimensionLabels, metricLabels } from "@/lib/experiments/schemas";
import type { StepExperimentReport } from "@/lib/flows/experiments/get-step-experiment-report";
import { flowQueries } from "@/lib/query/flows";
import { AllocationChart } from "../../../campaigns/_components/allocation-chart";
import { ConfirmEdit } from "../../_components/confirm-edit";
import { applyStepWinnerAction } from "../../actions";

const minutesLabel = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${m} min`);

function Decision({ r }: { r: StepExperimentReport }) {
  const { setup } = r;
  if (r.status === "not_started")
    return (
      <Alert tone="info" title="Waiting for the first people">
        Nobody has reached this step since the experiment was set up. Figures appear here as people arrive; a draft or paused flow lets
        nobody in: switch it on to start the test.
      </Alert>
    );
  if (r.status === "applied")
    return (
      <Alert tone="success" title={`Ended: variant ${r.winner} applied to the step`}>
        {r.reason ? `${r.reason.replace(/\.?$/, ".")} ` : ""}Applied {formatDateTime(r.decidedAt, r.timeZone)}: everyone who reaches the
        step now gets {r.winner} as the step&apos;s own email. The figures below are the experiment&apos;s, as it ended.
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
export function StepExperimentReportPanel({ stepId, canEdit, testing }: { stepId: string; canEdit: boolean; testing: boolean }) {
  const flowId = useParams<{ id: string }>().id;
  const { data: r, error, isPending } = useQuery(flowQueries.stepExperiment(flowId, stepId));
  if (error && testing)
    return (
      <p className="text-xs text-rose-700">
        The experiment&apos;s figures could not be loaded: {error.message}. They refresh on their own.
      </p>
    );
  if (isPending) return testing ? <p className="text-xs text-slate-500">Loading the experiment&apos;s figures…</p> : null;
  if (!r) return null;
  const { setup } = r;
  const metric = metricLabels[setup.metric];
  const rule =
    setup.mode === "test"
      ? `${formatNumber(setup.samplePerVariant)} per variant, then ${minutesLabel(setup.waitMinutes)} for ${{ open: "opens", click: "clicks", conversion: "purchases", revenue: "purchases" }[setup.metric]}, at α ${setup.alpha}`
      : setup.mode === "sequential"
        ? `sequential test at α ${setup.alpha}, at most ${formatNumber(setup.samplePerVariant)} per variant`
        : `Thompson sampling, updated every ${minutesLabel(setup.waitMinutes)}`;
  return (
    <section
      className="mt-2 w-full space-y-3 rounded-lg border border-indigo-200 bg-white p-3 shadow-sm"
      aria-label={`Experiment of step ${stepId}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="text-sm font-semibold text-slate-900">
            {setup.mode === "bandit" ? "Bandit" : "A/B test"} on {dimensionLabels[setup.dimension].toLowerCase()}
          </p>
          <p className="text-xs text-slate-600">
            Winner by {metric}: {rule}. Intervals are 95 %.
          </p>
        </div>
        {r.status !== "not_started" ? (
          <a
            href={`/api/v1/flows/${encodeURIComponent(flowId)}/steps/${encodeURIComponent(stepId)}/experiment?format=csv`}
            className={buttonClasses("secondary", "text-xs")}
          >
            Export figures (CSV)
          </a>
        ) : null}
      </div>
      <Decision r={r} />
      <VariantTableView
        table={r}
        metric={setup.metric}
        winner={r.winner}
        attributionDays={r.attributionDays}
        currency={r.currency}
        holdoutPercent={setup.holdoutPercent}
        source="this email"
        holdoutWindow={`sent nothing, went on; purchases within ${r.attributionDays} days after reaching the step`}
        noHoldoutHint="Set a holdout % in the step's editor (Edit steps)."
        sendTime={setup.dimension === "send_time"}
        dense
        testId="step-variant-table"
      />
      {canEdit && r.status !== "applied" ? <ApplyWinner r={r} stepId={stepId} flowId={flowId} /> : null}
      {setup.mode === "bandit" && r.allocations.length > 1 ? (
        <AllocationChart
          allocations={r.allocations}
          keys={setup.variants.map((v) => v.key)}
          waitMinutes={setup.waitMinutes}
          timeZone={r.timeZone}
        />
      ) : setup.mode === "bandit" ? (
        <p className="text-xs text-slate-500">
          The chart of each variant&apos;s share starts with the first update, {minutesLabel(setup.waitMinutes)} after the first people
          reach the step.
        </p>
      ) : null}
      {r.earlier ? (
        <p className="text-xs text-slate-500">
          {formatNumber(r.earlier)} people reached this step under an earlier setup of the experiment; they are not counted here.
        </p>
      ) : null}
    </section>
  );
}

/** Ends the experiment with the winner (or the variant a marketer picks): the step is rewritten to send it, after a confirmation of the effect. */
function ApplyWinner({ r, stepId, flowId }: { r: StepExperimentReport; stepId: string; flowId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const keys = r.setup.variants.map((v) => v.key);
  const [choice, setChoice] = useState<string>(r.winner ?? "");
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const variant = r.status === "decided" && r.winner ? r.winner : choice;
  const value = r.variants.find((v) => v.key === variant)?.value;
  const effect = variant
    ? `Everyone reaching this step from now on gets variant ${variant} (${value}); the experiment ends${r.setup.holdoutPercent ? ", and so does the holdout: they get it too" : ""}. Messages already queued go out as assigned. The step is rewritten to send ${variant} as its own email; this is kept in the audit log.`
    : "";
  async function apply() {
    setPending(true);
    setError(null);
    const result = await callAction(applyStepWinnerAction, { id: flowId, stepId, variant });
    setPending(false);
    setConfirming(false);
    if (!result.ok) return setError(result.error);
    await queryClient.invalidateQueries({ queryKey: ["flows", "step-experiment", flowId, stepId] });
    router.refresh();
  }
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3" data-testid={`apply-winner-${stepId}`}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {confirming ? (
        <ConfirmEdit
          effect={effect}
          pending={pending}
          confirmLabel={`Yes, apply ${variant}`}
          cancelLabel="Keep the experiment"
          onConfirm={() => void apply()}
          onCancel={() => setConfirming(false)}
        />
      ) : r.status === "decided" && r.winner ? (
        <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
          <Button onClick={() => setConfirming(true)}>Apply winner to step</Button>
          <span>Makes {r.winner} the step&apos;s own email and ends the experiment.</span>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
          <label className="flex items-center gap-2">
            Pick a variant yourself
            <Select
              aria-label={`Variant to apply (${stepId})`}
              className="w-auto py-1 text-sm"
              value={choice}
              onChange={(ev) => setChoice(ev.target.value)}
            >
              <option value="">Choose…</option>
              {keys.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </Select>
          </label>
          <Button variant="secondary" disabled={!choice} onClick={() => setConfirming(true)}>
            Apply to step
          </Button>
          <span>Before the test decides, the figures above may still change.</span>
        </div>
      )}
    </div>
  );
}
