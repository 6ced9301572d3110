import { db } from "../db";
import { watchCancel } from "../jobs/watch-cancel";

/** Aborted when the import's cancel button is pressed (import_jobs.cancel_requested_at) or `parent` aborts. */
export function watchCancelRequest(opts: { importJobId: string; parent?: AbortSignal; everyMs?: number }): {
  signal: AbortSignal;
  stop(): void;
} {
  return watchCancel({
    parent: opts.parent,
    everyMs: opts.everyMs,
    cancelled: async () => {
      const job = await db.importJob.findUnique({ where: { id: opts.importJobId }, select: { cancelRequestedAt: true } });
      return Boolean(job?.cancelRequestedAt);
    },
  });
}
