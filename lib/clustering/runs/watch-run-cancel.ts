import { db } from "../../db";
import { watchCancel } from "../../jobs/watch-cancel";

/**
 * Aborted when the run's cancel button is pressed (cluster_runs.cancel_requested_at) or `parent`
 * aborts; every fifth check also touches the row, so a run whose worker died is recognisably stale
 * (see failStaleRuns).
 */
export function watchRunCancel(opts: { runId: string; parent?: AbortSignal; everyMs?: number }): { signal: AbortSignal; stop(): void } {
  return watchCancel({
    parent: opts.parent,
    everyMs: opts.everyMs,
    cancelled: async (tick) => {
      const select = { cancelRequestedAt: true } as const;
      const run =
        tick % 5 === 0
          ? await db.clusterRun.update({ where: { id: opts.runId }, data: { updatedAt: new Date() }, select })
          : await db.clusterRun.findUnique({ where: { id: opts.runId }, select });
      return !run || Boolean(run.cancelRequestedAt);
    },
  });
}
