import type { Actor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { RuleGroup } from "../../segments/schemas";
import { saveSegment } from "../../segments/save-segment";
import { clusterGroupName } from "../../segments/conditions/cluster/schema";
import { clusterLabel, NEVER_PURCHASED, NOISE, type ClusterResults } from "./schemas";

/**
 * Saves one cluster of a finished run as a segment: a snapshot (the customers the run put in it; its
 * count equals the cluster's size) or a live condition that applies the run's stored preprocessing
 * and centres to customers' current features. Returns the new segment's id (its build is queued).
 */
export async function saveClusterSegment(opts: {
  runId: string;
  cluster: number;
  mode: "snapshot" | "live";
  name: string;
  actor: Actor;
}): Promise<{ id: string }> {
  const run = await db.clusterRun.findUnique({
    where: { id: opts.runId },
    select: { id: true, status: true, k: true, clusterNames: true, results: true, name: true },
  });
  if (!run) throw new AppError("not_found", `There is no clustering run ${opts.runId}.`);
  if (run.status !== "succeeded" || run.k === null)
    throw new AppError("conflict", "Only the clusters of a finished run can be saved as segments.");
  const results = run.results as ClusterResults | null;
  const group = opts.cluster === NOISE ? "noise" : opts.cluster === NEVER_PURCHASED ? "never" : null;
  const missing =
    group === "noise"
      ? !results?.noise && "This run has no noise group."
      : group === "never"
        ? !results?.neverPurchased && "This run kept no one apart as never purchased."
        : (opts.cluster < 0 || opts.cluster >= run.k) && `This run has clusters 1 to ${run.k}.`;
  if (missing) throw new AppError("unprocessable", missing, { field: "cluster" });
  if (opts.mode === "live" && (group || !results?.live))
    throw new AppError("unprocessable", `${group === "never" ? "Never purchased" : "Noise"} has no centre: save it as a snapshot.`, {
      field: "mode",
    });
  const label = clusterLabel(opts.cluster, run.clusterNames);
  const rules: RuleGroup = {
    type: "group",
    op: "and",
    children: [
      {
        type: "condition",
        kind: "cluster",
        runId: run.id,
        cluster: opts.cluster,
        live: opts.mode === "live",
        label,
        ...(opts.mode === "live" ? { model: results!.live! } : {}),
      },
    ],
  };
  const description = `${opts.mode === "live" ? "Live: customers nearest to" : "Snapshot of"} ${group ? clusterGroupName(opts.cluster) : `cluster “${label}”`} of clustering run “${run.name}”.`;
  return saveSegment({ input: { name: opts.name, description, rules }, actor: opts.actor });
}
