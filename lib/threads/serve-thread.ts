import { parentPort, workerData } from "node:worker_threads";
import { isAppError } from "../errors";
import type { ThreadMessage } from "./run-in-thread";

/**
 * The thread's side of runInThread: computes `fn(data)` once, posting progress, then the result (its
 * `transfer` buffers moved, not copied) or the error.
 */
export async function serveThread<D, R>(
  fn: (
    data: D,
    progress: (phase: string, percent: number) => void,
  ) => Promise<{ result: R; transfer?: ArrayBuffer[] }> | { result: R; transfer?: ArrayBuffer[] },
): Promise<void> {
  const port = parentPort!;
  const post = (m: ThreadMessage, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);
  try {
    const { result, transfer } = await fn((workerData as { data: D }).data, (phase, percent) => post({ type: "progress", phase, percent }));
    post({ type: "done", result }, transfer);
  } catch (e) {
    post({
      type: "error",
      expected: isAppError(e),
      message: e instanceof Error ? e.message : String(e),
      field: isAppError(e) ? fieldOf(e.details) : null,
      stack: e instanceof Error ? e.stack : undefined,
    });
  }
}

function fieldOf(details: unknown): string | null {
  const field = (details as { field?: unknown } | undefined)?.field;
  return typeof field === "string" ? field : null;
}
