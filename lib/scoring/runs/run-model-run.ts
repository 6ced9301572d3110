import { db, type Prisma } from "../../db";
import { AppError } from "../../errors";
import { openPgClient } from "../../bulk/open-pg-client";
import { queueSegmentRebuild } from "../../jobs/segment-rebuild-job";
import { watchRowCancel } from "../../jobs/watch-cancel";
import { modelWindowSchema } from "../schemas";
import { trainModel } from "../training/train-model";
import type { TrainingResult } from "../training/training-context";
import { writeScores } from "./write-scores";
import { stoppedRunFields } from "../../jobs/stopped-run-fields";
import { CANCELLED_MESSAGE } from "./cancelled-message";

/**
 * Runs one model_runs row from start to finish: train from what the database holds, validate, write
 * the scores, record the fitted model, metrics and duration. Progress goes to the row (and
 * `onProgress`); a cancel request or `signal` stops it at its next check with nothing saved; an error
 * ends it as failed with a message for the Models page. Never leaves the row running.
 */
export async function runModelRun(opts: {
  runId: string;
  signal?: AbortSignal;
  onProgress?: (percent: number, phase: string) => void | Promise<unknown>;
}): Promise<{ status: string; result?: TrainingResult }> {
  const run = await db.modelRun.findUnique({
    where: { id: opts.runId },
    select: { id: true, kind: true, status: true, window: true, cancelRequestedAt: true },
  });
  if (!run) throw new AppError("not_found", `There is no model run ${opts.runId}.`);
  if (run.status !== "queued" && run.status !== "running") return { status: run.status };
  const startedAt = new Date();
  if (run.cancelRequestedAt) {
    await db.modelRun.update({
      where: { id: run.id },
      data: { status: "cancelled", phase: "cancelled", error: CANCELLED_MESSAGE, finishedAt: startedAt },
    });
    return { status: "cancelled" };
  }
  await db.modelRun.update({ where: { id: run.id }, data: { status: "running", phase: "Starting", progress: 1, startedAt } });
  const select = { cancelRequestedAt: true } as const;
  const watch = watchRowCancel({
    parent: opts.signal,
    read: (touch) =>
      touch
        ? db.modelRun.update({ where: { id: run.id }, data: { updatedAt: new Date() }, select })
        : db.modelRun.findUnique({ where: { id: run.id }, select }),
  });
  let lastWrite = 0;
  const progress = (phase: string, percent: number) => {
    const now = Date.now();
    if (now - lastWrite < 300) return;
    lastWrite = now;
    const p = Math.max(1, Math.min(99, Math.round(percent)));
    void db.modelRun.update({ where: { id: run.id }, data: { phase, progress: p } }).catch(() => undefined);
    void Promise.resolve(opts.onProgress?.(p, phase)).catch(() => undefined);
  };
  const checkCancelled = () => {
    if (watch.signal.aborted) throw new CancelledError();
  };
  const client = await openPgClient({ applicationName: "tailor-scoring" });
  try {
    const window = modelWindowSchema.parse(run.window);
    const result = await trainModel({
      client,
      kind: run.kind,
      window,
      progress: (phase, percent) => progress(phase, percent * 0.9),
      checkCancelled,
      signal: watch.signal,
    });
    // One last chance to cancel before anything is written.
    if (!watch.signal.aborted) {
      const row = await db.modelRun.findUnique({ where: { id: run.id }, select: { cancelRequestedAt: true } });
      if (row?.cancelRequestedAt) throw new CancelledError();
    } else throw new CancelledError();
    progress("Saving the scores", 92);
    const scored = await writeScores(client, { runId: run.id, kind: run.kind, scores: result.scores, category: window.category ?? null });
    const finishedAt = new Date();
    await db.modelRun.update({
      where: { id: run.id },
      data: {
        status: "succeeded",
        phase: "done",
        progress: 100,
        window: result.window as Prisma.InputJsonValue,
        params: result.params as Prisma.InputJsonValue,
        metrics: result.metrics as Prisma.InputJsonValue,
        trainingRows: result.trainingRows,
        scoredCustomers: scored,
        finishedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
      },
    });
    await rebuildScoreSegments();
    await Promise.resolve(opts.onProgress?.(100, "done")).catch(() => undefined);
    return { status: "succeeded", result };
  } catch (e) {
    const cancelled = e instanceof CancelledError || watch.signal.aborted;
    const finishedAt = new Date();
    await db.modelRun.update({
      where: { id: run.id },
      data: {
        ...stoppedRunFields({ cancelled, error: e, cancelledMessage: CANCELLED_MESSAGE, unexpected: (text) => `Training failed: ${text}` }),
        finishedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
      },
    });
    if (cancelled) return { status: "cancelled" };
    throw e;
  } finally {
    watch.stop();
    await client.end().catch(() => undefined);
  }
}

/** Segments with a score condition follow the new scores (a rebuild each; without Redis they wait for the next run). */
async function rebuildScoreSegments(): Promise<void> {
  const segments = await db.segment.findMany({ where: { triggers: { has: "scores" } }, select: { id: true } });
  for (const s of segments) await queueSegmentRebuild({ segmentId: s.id }).catch(() => undefined);
}

class CancelledError extends Error {
  constructor() {
    super("cancel requested");
  }
}
