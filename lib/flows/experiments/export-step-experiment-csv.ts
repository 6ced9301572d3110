import { AppError } from "../../errors";
import { experimentCsv } from "../../experiments/experiment-csv";
import { getStepExperimentReport } from "./get-step-experiment-report";

/** A flow send step's experiment figures as CSV, in the campaigns' columns (lib/experiments/experiment-csv.ts). */
export async function exportStepExperimentCsv(opts: { flowId: string; stepId: string }): Promise<string> {
  const r = await getStepExperimentReport(opts);
  if (!r) throw new AppError("not_found", `Step ${opts.stepId} has no experiment: there are no variant figures to export.`);
  const decision =
    r.status === "applied"
      ? `${r.winner} applied to the step`
      : r.status === "decided"
        ? `winner ${r.winner}: ${r.reason ?? "decided"}`
        : (r.reason ?? (r.status === "not_started" ? "nobody has reached the step yet" : "testing"));
  return experimentCsv({ table: r, metric: r.setup.metric, winner: r.winner, decision });
}
