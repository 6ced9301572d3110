import { db } from "../../db";

/**
 * An AbortSignal aborted when the run's cancel button is pressed (cluster_runs.cancel_requested_at,
 * checked every second) or when `parent` aborts; also touches the row every few seconds so a run
 * whose worker died is recognisably stale (see failStaleRuns).
 */
export function watchRunCancel(opts: { runId: string; parent?: AbortSignal; everyMs?: number }): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController();
  const onParent = () => controller.abort(opts.parent?.reason);
  opts.parent?.addEventListener("abort", onParent, { once: true });
  if (opts.parent?.aborted) onParent();
  let checking = false;
  let ticks = 0;
  const timer = setInterval(() => {
    if (checking || controller.signal.aborted) return;
    checking = true;
    const heartbeat = ++ticks % 5 === 0;
    (heartbeat
      ? db.clusterRun.update({ where: { id: opts.runId }, data: { updatedAt: new Date() }, select: { cancelRequestedAt: true } })
      : db.clusterRun.findUnique({ where: { id: opts.runId }, select: { cancelRequestedAt: true } })
    )
      .then((run) => {
        if (!run || run.cancelRequestedAt) controller.abort(new Error("cancel requested"));
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
