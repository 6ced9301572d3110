import { buildKdTree } from "./kd-tree";
import { abortIfNeeded, ClusteringInputError, squaredDistance, takeRows, type Matrix } from "./matrix";

/** Label of the nearest centre for each point (ties: the lower centre index). */
export function assignNearest(points: Matrix, centres: Matrix): Int32Array {
  if (points.cols !== centres.cols)
    throw new ClusteringInputError("features", `Points have ${points.cols} features but centres ${centres.cols}.`);
  if (centres.rows < 1) throw new ClusteringInputError("centres", "No centres to assign to.");
  const labels = new Int32Array(points.rows);
  for (let i = 0; i < points.rows; i++) {
    let best = Infinity;
    for (let j = 0; j < centres.rows; j++) {
      const v = squaredDistance(points.data, i, centres.data, j, points.cols);
      if (v < best) {
        best = v;
        labels[i] = j;
      }
    }
  }
  return labels;
}

/**
 * DBSCAN for the rest of the population: the label of the nearest core point of the sample when
 * it lies within eps, else −1 (noise) — what scikit-learn's DBSCAN would give a new point.
 * A k-d tree over the core points keeps this fast for a whole population.
 */
export function assignToCorePoints(points: Matrix, sample: Matrix, fit: { labels: Int32Array; core: Uint8Array }, eps: number): Int32Array {
  const index = coreIndex(points, sample, fit);
  return assignRange(points, index, fit, eps, 0, points.rows);
}

function coreIndex(points: Matrix, sample: Matrix, fit: { core: Uint8Array }) {
  if (points.cols !== sample.cols)
    throw new ClusteringInputError("features", `Points have ${points.cols} features but the sample ${sample.cols}.`);
  const coreRows: number[] = [];
  for (let i = 0; i < sample.rows; i++) if (fit.core[i]) coreRows.push(i);
  return { coreRows, tree: coreRows.length ? buildKdTree(takeRows(sample, coreRows)) : null };
}

function assignRange(
  points: Matrix,
  index: ReturnType<typeof coreIndex>,
  fit: { labels: Int32Array },
  eps: number,
  start: number,
  end: number,
): Int32Array {
  const out = new Int32Array(end - start).fill(-1);
  if (!index.tree) return out;
  for (let i = start; i < end; i++) {
    const hit = index.tree.nearestWithin(points.data, i * points.cols, eps);
    if (hit.row >= 0) out[i - start] = fit.labels[index.coreRows[hit.row]!]!;
  }
  return out;
}

/** The same in chunks of rows, giving the event loop a turn between chunks; identical result. */
export async function assignToCorePointsAsync(
  points: Matrix,
  sample: Matrix,
  fit: { labels: Int32Array; core: Uint8Array },
  eps: number,
  opts: { chunkRows?: number; signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<Int32Array> {
  const index = coreIndex(points, sample, fit);
  const chunk = opts.chunkRows ?? 20_000;
  const out = new Int32Array(points.rows);
  for (let s = 0; s < points.rows; s += chunk) {
    abortIfNeeded(opts.signal);
    await new Promise((res) => setImmediate(res));
    const e = Math.min(points.rows, s + chunk);
    out.set(assignRange(points, index, fit, eps, s, e), s);
    opts.onProgress?.(e / points.rows);
  }
  return out;
}
