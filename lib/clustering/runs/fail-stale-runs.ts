import { db } from "../../db";

/** A running run's row is touched every ~5 s; one untouched for this long lost its worker. */
export const STALE_AFTER_MS = 60_000;

export const CANCELLED_MESSAGE = "Cancelled: nothing was saved.";

export const STALE_MESSAGE =
  "The worker stopped while computing this run (it crashed or was restarted), so nothing was saved. Start the run again.";

/**
 * Marks runs whose worker died as failed, so no progress bar waits forever. Called whenever runs
 * are read and when the worker starts.
 */
export async function failStaleRuns(opts: { now?: Date } = {}): Promise<number> {
  const before = new Date((opts.now ?? new Date()).getTime() - STALE_AFTER_MS);
  const { count } = await db.clusterRun.updateMany({
    where: { status: "running", updatedAt: { lt: before } },
    data: { status: "failed", phase: "failed", error: STALE_MESSAGE, finishedAt: new Date() },
  });
  return count;
}
