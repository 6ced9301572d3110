import { db } from "../../db";
import { AppError } from "../../errors";
import { failStaleRuns } from "./fail-stale-runs";
import { clusterRunSelect, toRunDetail, toRunSummary } from "./to-run-summary";
import type { ClusterRunDetail, ClusterRunSummary } from "./schemas";

/** One run with its results (null until it succeeded). */
export async function getClusterRun(opts: { id: string }): Promise<ClusterRunDetail> {
  await failStaleRuns();
  const row = await db.clusterRun.findUnique({ where: { id: opts.id }, select: { ...clusterRunSelect, results: true } });
  if (!row) throw new AppError("not_found", `There is no clustering run ${opts.id}.`);
  return toRunDetail(row);
}

/** The latest runs, newest first (without their results). */
export async function listClusterRuns(opts: { take?: number } = {}): Promise<ClusterRunSummary[]> {
  await failStaleRuns();
  const rows = await db.clusterRun.findMany({ orderBy: { createdAt: "desc" }, take: opts.take ?? 100, select: clusterRunSelect });
  return rows.map(toRunSummary);
}
