import { AppError } from "../errors";
import { experimentCsv } from "./experiment-csv";
import { getExperimentReport } from "./get-experiment-report";

/** A campaign's experiment figures as CSV (the report's variant table, one row per variant, the holdout and everyone sent). */
export async function exportCampaignExperimentCsv(campaignId: string): Promise<string> {
  const r = await getExperimentReport(campaignId);
  if (!r) throw new AppError("not_found", "This campaign has no experiment: its report has no variant figures to export.");
  const decision =
    r.status === "decided"
      ? `winner ${r.winner}: ${r.reason ?? "decided"}`
      : r.status === "cancelled"
        ? "cancelled"
        : (r.reason ?? "testing");
  return experimentCsv({ table: r, metric: r.metric, winner: r.winner, decision });
}
