import { VariantTableView } from "@/components/experiments/variant-table-view";
import { formatDateTime, formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { dimensionLabels, metricLabels } from "@/lib/experiments/schemas";
import type { ExperimentReport } from "@/lib/experiments/get-experiment-report";
import { AllocationChart } from "./allocation-chart";
import { waitLabel } from "./experiment-summary";

function Decision({ r, timeZone }: { r: ExperimentReport; timeZone: string }) {
  if (r.status === "cancelled")
    return (
      <Alert tone="warning" title="Experiment cancelled">
        The campaign was cancelled before a winner was sent.
      </Alert>
    );
  if (r.status === "decided")
    return (
      <Alert tone="success" title={`Winner: variant ${r.winner}`}>
        {r.reason ?? ""}
        {r.decidedAt ? ` Decided ${formatDateTime(r.decidedAt, timeZone)}` : ""}
        {r.released != null ? `; ${formatNumber(r.released)} held recipients were sent the winner.` : "."}
      </Alert>
    );
  return (
    <Alert tone="info" title={r.mode === "bandit" ? "Bandit running" : "Testing"}>
      {r.mode === "bandit"
        ? `A new wave every ${waitLabel(r.waitMinutes)}, shifted towards the variant most likely to be best.`
        : `${r.reason ?? (r.method === "fixed" ? "A fixed horizon: nothing is decided before the deadline." : "Waiting for the test's first results.")}${r.deadline ? ` Decision by ${formatDateTime(r.deadline, timeZone)} at the latest.` : ""}`}
    </Alert>
  );
}

/** The experiment's part of the report: each variant's figures and interval, the lift over the holdout, the decision and a bandit's allocation. */
export function ExperimentReportView({
  report: r,
  timeZone,
  csvHref,
}: {
  report: ExperimentReport;
  timeZone: string;
  /** The experiment's figures as CSV (marketers and admins). */
  csvHref?: string;
}) {
  const metric = metricLabels[r.metric];
  return (
    <Card>
      <CardHeader
        title={`${r.mode === "bandit" ? "Bandit" : "A/B test"} on ${dimensionLabels[r.dimension].toLowerCase()}`}
        action={
          csvHref ? (
            <a href={csvHref} className={buttonClasses("secondary")}>
              Export figures (CSV)
            </a>
          ) : undefined
        }
        description={`Winner by ${metric}${r.mode === "test" ? (r.method === "sequential" ? `, sequential test at α ${r.alpha}` : `, fixed horizon ${waitLabel(r.waitMinutes)} at α ${r.alpha}`) : ""}. Intervals are 95 %.`}
      />
      <CardBody className="space-y-4">
        <Decision r={r} timeZone={timeZone} />
        <VariantTableView
          table={r}
          metric={r.metric}
          winner={r.winner}
          attributionDays={r.attributionDays}
          currency={r.currency}
          holdoutPercent={r.holdoutPercent}
          source="the campaign"
          holdoutWindow={`sent nothing; purchases within ${r.attributionDays} days after the start`}
          noHoldoutHint="Set a holdout % on the next campaign."
          sendTime={r.dimension === "send_time"}
          testId="variant-table"
        />
        {r.mode === "bandit" ? (
          r.allocations.length ? (
            <AllocationChart
              allocations={r.allocations}
              keys={r.variants.map((v) => v.key)}
              waitMinutes={r.waitMinutes}
              timeZone={timeZone}
            />
          ) : (
            <p className="text-sm text-slate-500">The allocation chart starts with the first wave.</p>
          )
        ) : null}
      </CardBody>
    </Card>
  );
}
