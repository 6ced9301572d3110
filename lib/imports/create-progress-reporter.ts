import { db } from "../db";
import type { ImportProgress } from "./format-schemas";

export interface ProgressReporter {
  /** Reports progress; repeated values are dropped. A synchronous throw from `onProgress` aborts the import. */
  report(p: ImportProgress): void;
  /** Waits until the last reported progress is written. */
  flush(): Promise<void>;
}

/**
 * Passes each change of phase or whole percent to `onProgress` (CLI line, BullMQ job progress) and
 * writes it to the import_jobs row, latest value wins, one write at a time.
 */
export function createProgressReporter(opts: {
  importJobId: string;
  onProgress?: (p: ImportProgress) => void | Promise<unknown>;
}): ProgressReporter {
  let last: ImportProgress | undefined;
  let next: ImportProgress | undefined;
  let inFlight: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (next) {
      const p = next;
      next = undefined;
      try {
        await db.importJob.update({
          where: { id: opts.importJobId },
          data: { phase: p.phase, progress: p.percent, ...(p.rowsRead === undefined ? {} : { rowsRead: p.rowsRead }) },
        });
      } catch (e) {
        console.warn(`Could not record the progress of import ${opts.importJobId}:`, e instanceof Error ? e.message : e);
      }
    }
    inFlight = undefined;
  }

  return {
    report(p) {
      const percent = Math.max(0, Math.min(100, Math.floor(p.percent)));
      if (last && last.phase === p.phase && last.percent === percent) return;
      last = { ...p, percent };
      const result = opts.onProgress?.(last);
      if (result instanceof Promise) result.catch(() => undefined);
      next = last;
      inFlight ??= drain();
    },
    async flush() {
      while (inFlight) await inFlight;
    },
  };
}
