import { writeAuditLog, systemActor } from "../../audit/write-audit-log";
import { db, type Prisma } from "../../db";
import { AppError, isAppError } from "../../errors";
import { computeInThread } from "./compute-in-thread";
import { CANCELLED_MESSAGE } from "./fail-stale-runs";
import { loadClusterData } from "./load-cluster-data";
import { storedRunParams, type ClusterResults } from "./schemas";
import { storeClusterResults } from "./store-cluster-results";
import { watchRunCancel } from "./watch-run-cancel";
import { throttleProgress } from "../../jobs/throttle-progress";
import { stoppedRunFields } from "../../jobs/stopped-run-fields";

/**
 * Runs one cluster_runs row from start to finish (the worker's job): load the population's features,
 * compute in a worker thread, save everything in one transaction. Progress goes to the row (and
 * `onProgress`); a cancel request or `signal` stops it with nothing saved; any error ends the run as
 * failed with a message for the run page. Never leaves the row running.
 */
export async function runClusterRun(opts: {
  runId: string;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void | Promise<unknown>;
}): Promise<{ status: string; k?: number; population?: number }> {
  const run = await db.clusterRun.findUnique({
    where: { id: opts.runId },
    select: { id: true, status: true, params: true, cancelRequestedAt: true, createdById: true, createdByEmail: true },
  });
  if (!run) throw new AppError("not_found", `There is no clustering run ${opts.runId}.`);
  if (run.status !== "queued" && run.status !== "running") return { status: run.status };
  if (run.cancelRequestedAt) {
    await db.clusterRun.update({
      where: { id: run.id },
      data: { status: "cancelled", phase: "cancelled", error: CANCELLED_MESSAGE, finishedAt: new Date() },
    });
    return { status: "cancelled" };
  }
  const input = storedRunParams(run.params);
  const startedAt = new Date();
  await db.clusterRun.update({
    where: { id: run.id },
    data: { status: "running", phase: "Loading features", progress: 1, startedAt, error: null, finishedAt: null },
  });
  const watch = watchRunCancel({ runId: run.id, parent: opts.signal });
  // Every phase is written (the last one too, however quickly the next long step follows it).
  const progress = throttleProgress<{ phase: string; percent: number }>({
    write: async (p) => {
      await db.clusterRun.updateMany({ where: { id: run.id, status: "running" }, data: { phase: p.phase, progress: p.percent } });
      await Promise.resolve(opts.onProgress?.(p.percent)).catch(() => undefined);
    },
  });
  const report = (phase: string, percent: number) => progress.report({ phase, percent });
  const actor = run.createdById ? { id: run.createdById, label: run.createdByEmail ?? run.createdById } : systemActor("worker");
  try {
    const t0 = Date.now();
    const data = await loadClusterData({
      segmentId: input.segmentId,
      features: input.features,
      signal: watch.signal,
      onProgress: (loaded, total) =>
        report(
          `Loading features (${loaded.toLocaleString("en")} of ${total.toLocaleString("en")} customers)`,
          1 + Math.round((loaded / Math.max(total, 1)) * 19),
        ),
    });
    if (data.rows === 0) {
      throw new AppError(
        "unprocessable",
        input.segmentId
          ? "The chosen segment has no customers who may be profiled: choose another population."
          : "There are no customers who may be profiled yet: import customers first.",
      );
    }
    const t1 = Date.now();
    const out = await computeInThread({
      values: data.values,
      rows: data.rows,
      purchased: data.purchased,
      input,
      signal: watch.signal,
      onProgress: report,
    });
    const t2 = Date.now();
    report("Saving the clusters", 96);
    await progress.flush();
    const results: ClusterResults = {
      ...out.results,
      report: { ...out.results.report, excludedByConsent: data.excludedByConsent },
      timings: { loadMs: t1 - t0, computeMs: t2 - t1, storeMs: 0 },
    };
    const names = results.profiles.map((p) => p.suggestedName);
    const stored = await storeClusterResults({
      runId: run.id,
      customerIds: data.customerIds,
      labels: out.labels,
      results,
      clusterNames: names,
      signal: watch.signal,
    });
    if (!stored) throw new Error("cancel requested");
    await db.clusterRun
      .update({
        where: { id: run.id },
        data: { results: { ...results, timings: { ...results.timings, storeMs: Date.now() - t2 } } as unknown as Prisma.InputJsonValue },
      })
      .catch(() => undefined);
    await writeAuditLog({
      actor,
      action: "cluster_run.succeeded",
      targetType: "cluster_run",
      targetId: run.id,
      after: { k: results.k, population: results.sizes.reduce((s, x) => s + x, 0) },
    }).catch(() => undefined);
    return { status: "succeeded", k: results.k, population: data.rows };
  } catch (e) {
    const cancelled = watch.signal.aborted;
    const stopped = stoppedRunFields({
      cancelled,
      error: e,
      cancelledMessage: CANCELLED_MESSAGE,
      unexpected: (text) =>
        `The run stopped on an unexpected error: ${text}. Nothing was saved; try again, and check the worker's log if it happens again.`,
    });
    await db.clusterRun.update({
      where: { id: run.id },
      data: {
        ...stopped,
        finishedAt: new Date(),
      },
    });
    if (!cancelled && !isAppError(e)) console.error(`Clustering run ${run.id} failed`, e);
    if (cancelled) return { status: "cancelled" };
    throw isAppError(e) ? e : new AppError("unprocessable", stopped.error);
  } finally {
    progress.stop();
    watch.stop();
  }
}
