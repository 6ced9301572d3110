import { writeAuditLog, type Actor } from "../../audit/write-audit-log";
import { db, type Prisma } from "../../db";
import { AppError } from "../../errors";
import { enqueueClusterRun } from "../../jobs/cluster-run-queue";
import { clusterRunInputSchema, type ClusterRunInputRaw } from "./schemas";

/** A default name: "K-Means k=5 · 4 features" (the user may give their own). */
function defaultName(input: ReturnType<typeof clusterRunInputSchema.parse>): string {
  const a = input.algorithm;
  const what =
    a.kind === "kmeans"
      ? `K-Means ${a.k ? `k=${a.k}` : "k=suggested"}`
      : a.kind === "ward"
        ? `Ward ${a.cut.by === "k" ? `k=${a.cut.k}` : `height ${a.cut.height}`}`
        : `DBSCAN eps=${a.eps}`;
  return `${what} · ${input.features.length} features`;
}

/**
 * Checks the parameters (features, a population that exists, log only on chosen features), stores the
 * run as queued and queues its job; returns its id. If Redis is down, the run is marked failed with
 * the reason instead of waiting forever.
 */
export async function createClusterRun(opts: { input: ClusterRunInputRaw; actor: Actor }): Promise<{ id: string }> {
  const input = clusterRunInputSchema.parse(opts.input);
  const unknownLog = input.preprocessing.log.filter((k) => !input.features.includes(k));
  if (unknownLog.length)
    throw new AppError("unprocessable", `Log transform: ${unknownLog.join(", ")} is not among the chosen features.`, {
      field: "preprocessing.log",
    });
  if (input.preprocessing.pca !== null && input.preprocessing.pca > input.features.length) {
    throw new AppError("unprocessable", `PCA can keep at most as many components as features (${input.features.length}).`, {
      field: "preprocessing.pca",
    });
  }
  if (input.segmentId) {
    const segment = await db.segment.findUnique({ where: { id: input.segmentId }, select: { id: true } });
    if (!segment)
      throw new AppError("unprocessable", "The chosen segment no longer exists: choose another population.", { field: "segmentId" });
  }
  const params = { ...input, name: input.name || defaultName(input) };
  const run = await db.clusterRun.create({
    data: {
      name: params.name,
      algorithm: input.algorithm.kind,
      params: params as unknown as Prisma.InputJsonValue,
      createdById: opts.actor.id,
      createdByEmail: opts.actor.label,
    },
    select: { id: true },
  });
  await writeAuditLog({ actor: opts.actor, action: "cluster_run.created", targetType: "cluster_run", targetId: run.id, after: params });
  try {
    await enqueueClusterRun(run.id);
  } catch (e) {
    await db.clusterRun.update({
      where: { id: run.id },
      data: { status: "failed", phase: "failed", error: e instanceof Error ? e.message : String(e), finishedAt: new Date() },
    });
    throw e;
  }
  return { id: run.id };
}
