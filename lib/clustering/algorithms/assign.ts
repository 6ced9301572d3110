import { ClusteringInputError, squaredDistance, type Matrix } from "./matrix";

/** Label of the nearest centre for each point (ties: the lower centre index). */
export function assignNearest(points: Matrix, centres: Matrix): Int32Array {
  if (points.cols !== centres.cols) throw new ClusteringInputError("features", `Points have ${points.cols} features but centres ${centres.cols}.`);
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
 */
export function assignToCorePoints(points: Matrix, sample: Matrix, fit: { labels: Int32Array; core: Uint8Array }, eps: number): Int32Array {
  const coreRows: number[] = [];
  for (let i = 0; i < sample.rows; i++) if (fit.core[i]) coreRows.push(i);
  const cores = new Float64Array(coreRows.length * sample.cols);
  coreRows.forEach((r, i) => cores.set(sample.data.subarray(r * sample.cols, (r + 1) * sample.cols), i * sample.cols));
  const nearest = coreRows.length ? assignNearest(points, { rows: coreRows.length, cols: sample.cols, data: cores }) : new Int32Array(points.rows);
  const e2 = eps * eps;
  return Int32Array.from(nearest, (c, i) => (coreRows.length && squaredDistance(points.data, i, cores, c, points.cols) <= e2 ? fit.labels[coreRows[c]!]! : -1));
}
