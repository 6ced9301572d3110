import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "../../errors";
import type { ComputeOutput } from "./compute-clusters";
import type { ClusterRunInput } from "./schemas";

const here = path.dirname(fileURLToPath(import.meta.url));

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
  const worker = new Worker(path.join(here, "compute-thread-boot.mjs"), {
    workerData: { entry: pathToFileURL(path.join(here, "compute-thread.ts")).href, values, purchased, rows: opts.rows, input: opts.input },
    transferList: purchased ? [values.buffer, purchased.buffer] : [values.buffer],
    execArgv: [],
  });
  return new Promise<ComputeOutput>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener("abort", onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(opts.signal?.reason ?? new Error("cancelled")));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    worker.on(
      "message",
      (m: {
        type: string;
        phase?: string;
        percent?: number;
        labels?: Int16Array;
        results?: ComputeOutput["results"];
        expected?: boolean;
        message?: string;
        field?: string | null;
        stack?: string;
      }) => {
        if (m.type === "progress") opts.onProgress?.(m.phase!, m.percent!);
        else if (m.type === "done") finish(() => resolve({ labels: m.labels!, results: m.results! }));
        else if (m.type === "error") {
          finish(() =>
            reject(
              m.expected
                ? new AppError("unprocessable", m.message!, m.field ? { field: m.field } : undefined)
                : Object.assign(new Error(m.message), { stack: m.stack }),
            ),
          );
        }
      },
    );
    worker.on("error", (e) => finish(() => reject(e)));
    worker.on("exit", (code) => finish(() => reject(new Error(`The clustering thread stopped unexpectedly (exit code ${code}).`))));
  });
}
