import { writeAuditLog, type Actor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { AppError } from "../../errors";

/** Renames one cluster of a succeeded run (the suggested name is only a start). */
export async function renameCluster(opts: {
  runId: string;
  cluster: number;
  name: string;
  actor: Actor;
}): Promise<{ clusterNames: string[] }> {
  const run = await db.clusterRun.findUnique({ where: { id: opts.runId }, select: { status: true, k: true, clusterNames: true } });
  if (!run) throw new AppError("not_found", `There is no clustering run ${opts.runId}.`);
  if (run.status !== "succeeded" || run.k === null) throw new AppError("conflict", "Only the clusters of a finished run can be renamed.");
  if (opts.cluster < 0 || opts.cluster >= run.k)
    throw new AppError("unprocessable", `This run has clusters 1 to ${run.k}.`, { field: "cluster" });
  const names = [...run.clusterNames];
  const before = names[opts.cluster];
  names[opts.cluster] = opts.name.trim();
  await db.clusterRun.update({ where: { id: opts.runId }, data: { clusterNames: names } });
  await writeAuditLog({
    actor: opts.actor,
    action: "cluster_run.renamed_cluster",
    targetType: "cluster_run",
    targetId: opts.runId,
    before: { cluster: opts.cluster, name: before },
    after: { cluster: opts.cluster, name: opts.name },
  });
  return { clusterNames: names };
}
