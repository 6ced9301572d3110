/**
 * An AbortSignal aborted when `cancelled` reports that the job's cancel button was pressed (polled
 * every second; the web app only writes the row, so this works across processes) or when `parent`
 * aborts. `cancelled` gets the tick number, for callers that also keep a heartbeat.
 */
export function watchCancel(opts: { cancelled: (tick: number) => Promise<boolean>; parent?: AbortSignal; everyMs?: number }): {
  signal: AbortSignal;
  stop(): void;
} {
  const controller = new AbortController();
  const onParent = () => controller.abort(opts.parent?.reason);
  opts.parent?.addEventListener("abort", onParent, { once: true });
  if (opts.parent?.aborted) onParent();
  let checking = false;
  let ticks = 0;
  const timer = setInterval(() => {
    if (checking || controller.signal.aborted) return;
    checking = true;
    opts
      .cancelled(++ticks)
      .then((yes) => {
        if (yes) controller.abort(new Error("cancel requested"));
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

/**
 * watchCancel for a run kept in a table with cancel_requested_at: `read(touch)` returns the row's
 * cancelRequestedAt (touch: also refresh updated_at, every fifth check, so a run whose worker died
 * is recognisably stale).
 */
export function watchRowCancel(opts: {
  read: (touch: boolean) => Promise<{ cancelRequestedAt: Date | null } | null>;
  parent?: AbortSignal;
  everyMs?: number;
}): { signal: AbortSignal; stop(): void } {
  return watchCancel({
    parent: opts.parent,
    everyMs: opts.everyMs,
    cancelled: async (tick) => {
      const row = await opts.read(tick % 5 === 0);
      return !row || Boolean(row.cancelRequestedAt);
    },
  });
}
