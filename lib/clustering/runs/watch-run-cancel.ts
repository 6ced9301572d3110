import { db } from "../../db";
import { watchRowCancel } from "../../jobs/watch-cancel";

/**
 * Aborted when the run's cancel button is pressed (cluster_runs.cancel_requested_at) or `parent`
 * aborts; every fifth check also touches the row, so a run whose worker died is recognisably stale
 * (see failStaleRuns).
 */
export function watchRunCancel(opts: { runId: string; parent?: AbortSignal; everyMs?: number }): { signal: AbortSignal; stop(): void } {
  const select = { cancelRequestedAt: true } as const;
  return watchRowCancel({
    parent: opts.parent,
    everyMs: opts.everyMs,
    read: (touch) =>
      touch
        ? db.clusterRun.update({ where: { id: opts.runId }, data: { updatedAt: new Date() }, select })
        : db.clusterRun.findUnique({ where: { id: opts.runId }, select }),
  });
}
