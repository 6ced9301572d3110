/**
 * Progress writes for a job's row, at most one every `everyMs`, latest value wins, one write at a
 * time — and the last value is always written (a trailing write once the interval has passed), so
 * a phase reported just before a long step shows during that step instead of being dropped.
 * `flush()` writes what is pending now and waits for it.
 */
export interface ProgressThrottle<P> {
  report(p: P): void;
  flush(): Promise<void>;
  /** Drops what is pending (the job ended and wrote its final state itself). */
  stop(): void;
}

export function throttleProgress<P>(opts: { write: (p: P) => Promise<unknown>; everyMs?: number }): ProgressThrottle<P> {
  const everyMs = opts.everyMs ?? 500;
  let pending: { value: P } | null = null;
  let lastWrite = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  let stopped = false;

  const writeNow = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (inFlight) return inFlight.then(() => (pending && !stopped ? writeNow() : undefined));
    if (!pending || stopped) return Promise.resolve();
    const { value } = pending;
    pending = null;
    lastWrite = Date.now();
    inFlight = Promise.resolve()
      .then(() => opts.write(value))
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => (inFlight = null));
    return inFlight;
  };

  return {
    report(p) {
      if (stopped) return;
      pending = { value: p };
      const wait = lastWrite + everyMs - Date.now();
      if (wait <= 0 && !inFlight) void writeNow();
      else if (!timer) {
        timer = setTimeout(() => void writeNow(), Math.max(wait, 0));
        timer.unref?.();
      }
    },
    async flush() {
      await writeNow();
      while (inFlight) await inFlight;
    },
    stop() {
      stopped = true;
      pending = null;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
