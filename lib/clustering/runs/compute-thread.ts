import { parentPort, workerData } from "node:worker_threads";
import { isAppError } from "../../errors";
import { computeClusters } from "./compute-clusters";
import { describeClusterFeature, type ClusterRunInput } from "./schemas";

/** The worker thread's side: computes one run and posts progress, then the result (or the error). */
const data = workerData as { values: Float64Array; purchased?: Uint8Array; rows: number; input: ClusterRunInput };
const port = parentPort!;

try {
  const out = await computeClusters({
    values: data.values,
    rows: data.rows,
    purchased: data.purchased,
    input: data.input,
    onProgress: (phase, percent) => port.postMessage({ type: "progress", phase, percent }),
  });
  port.postMessage({ type: "done", labels: out.labels, results: out.results }, [out.labels.buffer as ArrayBuffer]);
} catch (e) {
  port.postMessage({
    type: "error",
    expected: isAppError(e),
    // The algorithms name features by key; the user knows them by label.
    message: data.input.features.reduce(
      (m, key) => m.replaceAll(`“${key}”`, `“${describeClusterFeature(key).label}”`),
      e instanceof Error ? e.message : String(e),
    ),
    field: (e as { field?: string }).field ?? null,
    stack: e instanceof Error ? e.stack : undefined,
  });
}
