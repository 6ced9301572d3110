import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "../errors";

// Paths built at run time, not `new URL(…, import.meta.url)`: the web app's bundler would try to bundle
// the thread (tsx and all) into any route that imports this module.
const here = path.dirname(fileURLToPath(import.meta.url));

/** A module beside `moduleUrl` (a caller's import.meta.url), as the file: URL runInThread's `entry` takes. */
export function threadEntry(moduleUrl: string, file: string): string {
  return pathToFileURL(path.join(path.dirname(fileURLToPath(moduleUrl)), file)).href;
}

/** What a thread started by runInThread posts back (see serveThread). */
export type ThreadMessage =
  | { type: "progress"; phase: string; percent: number }
  | { type: "done"; result: unknown }
  | { type: "error"; expected: boolean; message: string; field: string | null; stack?: string };

/**
 * Runs a computation in a worker thread so the calling process's event loop (BullMQ's lock renewals,
 * progress writes, cancel checks) keeps running however long it takes. `entry` is the TypeScript file
 * (an absolute file: URL) that calls serveThread; `data` is structured-cloned to it (typed arrays in
 * `transfer` are moved, not copied). Progress comes back through `onProgress`; aborting `signal`
 * terminates the thread at once; an AppError thrown in the thread comes back as an AppError.
 */
export function runInThread<T>(opts: {
  entry: string;
  data: unknown;
  transfer?: ArrayBuffer[];
  signal?: AbortSignal;
  onProgress?: (phase: string, percent: number) => void;
  /** Names the thread in errors ("the scoring thread"). */
  name: string;
}): Promise<T> {
  const worker = new Worker(path.join(here, "typescript-thread-boot.mjs"), {
    workerData: { entry: opts.entry, data: opts.data },
    transferList: opts.transfer,
    execArgv: [],
  });
  return new Promise<T>((resolve, reject) => {
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
    worker.on("message", (m: ThreadMessage) => {
      if (m.type === "progress") opts.onProgress?.(m.phase, m.percent);
      else if (m.type === "done") finish(() => resolve(m.result as T));
      else
        finish(() =>
          reject(
            m.expected
              ? new AppError("unprocessable", m.message, m.field ? { field: m.field } : undefined)
              : Object.assign(new Error(m.message), { stack: m.stack }),
          ),
        );
    });
    worker.on("error", (e) => finish(() => reject(e)));
    worker.on("exit", (code) => finish(() => reject(new Error(`${opts.name} stopped unexpectedly (exit code ${code}).`))));
  });
}
