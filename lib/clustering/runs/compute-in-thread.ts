import { runInThread, threadEntry } from "../../threads/run-in-thread";
import type { ComputeOutput } from "./compute-clusters";
import type { ClusterRunInput } from "./schemas";

/**
 * Runs computeClusters in a worker thread, so the worker process's event loop (BullMQ's lock
 * renewals, progress writes, cancel checks) keeps running however long the computation takes.
 * Aborting `signal` terminates the thread at once. Expected input errors come back as AppError.
 */
export function computeInThread(opts: {
  values: Float64Array;
  rows: number;
  purchased?: Uint8Array;
  input: ClusterRunInput;
  signal?: AbortSignal;
  onProgress?: (phase: string, percent: number) => void;
}): Promise<ComputeOutput> {
  // A copy the thread owns (the loaded array may be a view of a larger buffer).
  const values = opts.values.slice();
  const purchased = opts.purchased?.slice();
  return runInThread<ComputeOutput>({
    entry: threadEntry(import.meta.url, "compute-thread.ts"),
    data: { values, purchased, rows: opts.rows, input: opts.input },
    transfer: purchased ? [values.buffer, purchased.buffer] : [values.buffer],
    signal: opts.signal,
    onProgress: opts.onProgress,
    name: "The clustering thread",
  });
}
