import { openRunner, syncRunner } from "./kernel-runner";
import { ClusteringInputError, takeRows, type Matrix } from "./matrix";
import { sampleRows } from "./random";

/** Exact up to this many rows; above it, a seeded sample of this size. */
export const SILHOUETTE_SAMPLE = 10_000;

export interface SilhouetteResult {
  score: number;
  sampled: boolean;
  sampleSize: number;
}

/** Rows per kernel call: small, so the asynchronous version yields often and spreads over threads. */
const SILHOUETTE_BLOCK = 256;

function prepare(m: Matrix, labels: Int32Array, opts: { sampleSize?: number; seed?: number }) {
  const limit = opts.sampleSize ?? SILHOUETTE_SAMPLE;
  const sampled = m.rows > limit;
  const rows = sampled ? sampleRows(m.rows, limit, opts.seed ?? 0) : null;
  const x = rows ? takeRows(m, rows) : m;
  const lab = rows ? Int32Array.from(rows, (r) => labels[r]!) : labels;
  let k = 0;
  for (let i = 0; i < lab.length; i++) {
    if (lab[i]! < 0) throw new ClusteringInputError("labels", "Silhouette needs every row in a cluster (no noise label −1).");
    if (lab[i]! + 1 > k) k = lab[i]! + 1;
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < lab.length; i++) sizes[lab[i]!]!++;
  const used = sizes.filter((s) => s > 0).length;
  if (used < 2 || used > x.rows - 1)
    throw new ClusteringInputError("k", `Silhouette needs between 2 and ${x.rows - 1} non-empty clusters (got ${used}).`);
  return { x, lab, sizes, sampled };
}

/**
 * Mean silhouette coefficient (Euclidean), as scikit-learn's silhouette_score: for each row,
 * a = mean distance to the others of its cluster, b = lowest mean distance to another cluster,
 * s = (b − a) / max(a, b), and 0 for a row alone in its cluster. O(n² · cols) on the rows used:
 * exact up to `sampleSize` rows (default 10,000), on a seeded sample above. In the calling thread.
 */
export function silhouette(m: Matrix, labels: Int32Array, opts: { sampleSize?: number; seed?: number } = {}): SilhouetteResult {
  const { x, lab, sizes, sampled } = prepare(m, labels, opts);
  const runner = syncRunner(x, SILHOUETTE_BLOCK);
  runner.state.labels.set(lab);
  const total = runner.run({ kernel: "silhouetteRows", args: [sizes], reduce: "sum" })[0]!;
  return { score: total / x.rows, sampled, sampleSize: x.rows };
}

/** The same, on worker threads (the caller's event loop stays free); identical result. */
export async function silhouetteAsync(
  m: Matrix,
  labels: Int32Array,
  opts: { sampleSize?: number; seed?: number; threads?: number } = {},
): Promise<SilhouetteResult> {
  const { x, lab, sizes, sampled } = prepare(m, labels, opts);
  const runner = await openRunner(x, { blockRows: SILHOUETTE_BLOCK, threadMinRows: 2 * SILHOUETTE_BLOCK, threads: opts.threads });
  try {
    runner.state.labels.set(lab);
    const total = (await runner.run({ kernel: "silhouetteRows", args: [sizes], reduce: "sum" }))[0]!;
    return { score: total / x.rows, sampled, sampleSize: x.rows };
  } finally {
    await runner.close();
  }
}
