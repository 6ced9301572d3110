import { AppError, isAppError } from "../../errors";
import { serveThread } from "../../threads/serve-thread";
import { computeClusters } from "./compute-clusters";
import { describeClusterFeature, type ClusterRunInput } from "./schemas";

/** The worker thread's side: computes one run and posts progress, then the result (or the error). */
await serveThread(async (data: { values: Float64Array; purchased?: Uint8Array; rows: number; input: ClusterRunInput }, progress) => {
  try {
    const out = await computeClusters({
      values: data.values,
      rows: data.rows,
      purchased: data.purchased,
      input: data.input,
      onProgress: progress,
    });
    return { result: { labels: out.labels, results: out.results }, transfer: [out.labels.buffer as ArrayBuffer] };
  } catch (e) {
    // The algorithms name features by key; the user knows them by label.
    const message = data.input.features.reduce(
      (m, key) => m.replaceAll(`“${key}”`, `“${describeClusterFeature(key).label}”`),
      e instanceof Error ? e.message : String(e),
    );
    if (isAppError(e)) throw new AppError(e.code, message, e.details);
    throw Object.assign(new Error(message), { stack: e instanceof Error ? e.stack : undefined });
  }
});
