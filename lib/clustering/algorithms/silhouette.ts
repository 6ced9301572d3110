import { ClusteringInputError, squaredDistance, takeRows, type Matrix } from "./matrix";
import { sampleRows } from "./random";

/** Exact up to this many rows; above it, a seeded sample of this size. */
export const SILHOUETTE_SAMPLE = 10_000;

/**
 * Mean silhouette coefficient (Euclidean), as scikit-learn's silhouette_score: for each row,
 * a = mean distance to the others of its cluster, b = lowest mean distance to another cluster,
 * s = (b − a) / max(a, b), and 0 for a row alone in its cluster. O(n² · cols) on the rows used.
 */
export function silhouette(m: Matrix, labels: Int32Array, opts: { sampleSize?: number; seed?: number } = {}): { score: number; sampled: boolean; sampleSize: number } {
  const limit = opts.sampleSize ?? SILHOUETTE_SAMPLE;
  const sampled = m.rows > limit;
  const rows = sampled ? sampleRows(m.rows, limit, opts.seed ?? 0) : null;
  const x = rows ? takeRows(m, rows) : m;
  const lab = rows ? Int32Array.from(rows, (r) => labels[r]!) : labels;
  const n = x.rows;
  let k = 0;
  for (let i = 0; i < n; i++) if (lab[i]! + 1 > k) k = lab[i]! + 1;
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    if (lab[i]! < 0) throw new ClusteringInputError("labels", "Silhouette needs every row in a cluster (no noise label −1).");
    sizes[lab[i]!]!++;
  }
  const used = sizes.filter((s) => s > 0).length;
  if (used < 2 || used > n - 1) throw new ClusteringInputError("k", `Silhouette needs between 2 and ${n - 1} non-empty clusters (got ${used}).`);
  // sums[i * k + c] = Σ distance from row i to the rows of cluster c (each pair computed once).
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const li = lab[i]!;
    for (let j = i + 1; j < n; j++) {
      const dist = Math.sqrt(squaredDistance(x.data, i, x.data, j, x.cols));
      sums[i * k + lab[j]!]! += dist;
      sums[j * k + li]! += dist;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const li = lab[i]!;
    if (sizes[li]! <= 1) continue;
    const a = sums[i * k + li]! / (sizes[li]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== li && sizes[c]! > 0) b = Math.min(b, sums[i * k + c]! / sizes[c]!);
    const s = Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
    total += s;
  }
  return { score: total / n, sampled, sampleSize: n };
}
