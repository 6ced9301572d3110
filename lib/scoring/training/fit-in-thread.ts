import { runInThread, threadEntry } from "../../threads/run-in-thread";
import type { FitInput, FitOutput, FitTask } from "./fit-tasks";

/**
 * Runs a trainer's computation (model fitting, validation, scoring) in a worker thread, so the worker
 * process keeps renewing its BullMQ locks, writing progress and watching for a cancel however long the
 * fit takes (a million customers: tens of seconds). Aborting `signal` terminates the thread at once.
 */
export function fitInThread<K extends FitTask>(
  task: K,
  input: FitInput<K>,
  opts: { signal?: AbortSignal; progress?: (phase: string, percent: number) => void } = {},
): Promise<FitOutput<K>> {
  return runInThread<FitOutput<K>>({
    entry: threadEntry(import.meta.url, "fit-thread.ts"),
    data: { task, input },
    signal: opts.signal,
    onProgress: opts.progress,
    name: "The model training thread",
  });
}
