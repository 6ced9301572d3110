import { db } from "../db";

/**
 * An AbortSignal aborted when the import's cancel button is pressed (import_jobs.cancel_requested_at,
 * checked every second) or when `parent` aborts. Works across processes: the web app only writes the row.
 */
export function watchCancelRequest(opts: { importJobId: string; parent?: AbortSignal; everyMs?: number }): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController();
  const onParent = () => controller.abort(opts.parent?.reason);
  opts.parent?.addEventListener("abort", onParent, { once: true });
  if (opts.parent?.aborted) onParent();
  let checking = false;
  const timer = setInterval(() => {
    if (checking || controller.signal.aborted) return;
    checking = true;
    db.importJob
      .findUnique({ where: { id: opts.importJobId }, select: { cancelRequestedAt: true } })
      .then((job) => {
        if (job?.cancelRequestedAt) controller.abort(new Error("cancel requested"));
      })
      .catch(() => undefined)
      .finally(() => (checking = false));
  }, opts.everyMs ?? 1000);
  timer.unref();
  return {
    signal: controller.signal,
    stop() {
      clearInterval(timer);
      opts.parent?.removeEventListener("abort", onParent);
    },
  };
}
