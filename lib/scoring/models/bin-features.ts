import type { FeatureMatrix } from "./dataset";

/** Per-feature bin edges: a value v falls in bin #{edges < v} (so v ≤ edges[k] goes to bins ≤ k). */
export interface FeatureBins {
  edges: Float64Array[];
  /** Row-major bin codes: binned[i * cols + f] (a node's rows are gathered once for all features). */
  binned: Uint8Array;
  rows: number;
  cols: number;
}

/**
 * Bins each feature into at most `maxBins` (≤ 255) bins like scikit-learn's _BinMapper: midpoints
 * between distinct values when there are few, otherwise quantiles of (a deterministic subsample of)
 * the column. Values must be finite. `rows` restricts the fit to those rows (all by default).
 */
export function fitBinEdges(x: FeatureMatrix, maxBins = 255, subsample = 200_000, rows?: Uint32Array): Float64Array[] {
  const edges: Float64Array[] = [];
  const count = rows ? rows.length : x.rows;
  const stride = Math.max(1, Math.floor(count / subsample));
  const sample = new Float64Array(Math.ceil(count / stride));
  for (let j = 0; j < x.cols; j++) {
    for (let k = 0, s = 0; k < count; k += stride, s++) {
      const i = rows ? rows[k]! : k;
      const v = x.values[i * x.cols + j]!;
      if (!Number.isFinite(v)) throw new Error(`Feature "${x.names[j]!}" has a value that is not a finite number in row ${i}.`);
      sample[s] = v;
    }
    const sorted = sample.slice().sort();
    const distinct: number[] = [];
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i]! !== sorted[i - 1]!) distinct.push(sorted[i]!);
    if (distinct.length <= maxBins) {
      const e = new Float64Array(Math.max(distinct.length - 1, 0));
      for (let k = 0; k < e.length; k++) e[k] = (distinct[k]! + distinct[k + 1]!) / 2;
      edges.push(e);
    } else {
      const e: number[] = [];
      for (let k = 1; k < maxBins; k++) {
        // Linear interpolation between order statistics (numpy's default percentile).
        const pos = (k / maxBins) * (sorted.length - 1);
        const lo = Math.floor(pos);
        const v = sorted[lo]! + (pos - lo) * ((sorted[lo + 1]! ?? sorted[lo]!) - sorted[lo]!);
        if (e.length === 0 || v > e[e.length - 1]!) e.push(v);
      }
      edges.push(Float64Array.from(e));
    }
  }
  return edges;
}

/**
 * Codes each value by its bin (binary search in the feature's edges). `rows` bins only those rows, in
 * that order (binned row k is x's row rows[k]); `shared` puts the codes in a SharedArrayBuffer so
 * helper threads can read them.
 */
export function applyBins(x: FeatureMatrix, edges: Float64Array[], opts: { rows?: Uint32Array; shared?: boolean } = {}): FeatureBins {
  const { rows } = opts;
  const count = rows ? rows.length : x.rows;
  const binned = new Uint8Array(opts.shared ? new SharedArrayBuffer(count * x.cols) : new ArrayBuffer(count * x.cols));
  for (let j = 0; j < x.cols; j++) {
    const e = edges[j]!;
    for (let k = 0; k < count; k++) {
      const v = x.values[(rows ? rows[k]! : k) * x.cols + j]!;
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (e[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      binned[k * x.cols + j] = lo;
    }
  }
  return { edges, binned, rows: count, cols: x.cols };
}
