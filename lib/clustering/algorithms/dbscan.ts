import { ClusteringInputError, requireFinite, squaredDistance, type Matrix } from "./matrix";

/** DBSCAN runs on a sample of at most this many rows (brute-force neighbourhoods, O(n²)). */
export const DBSCAN_MAX_ROWS = 20_000;

function checkSize(m: Matrix) {
  if (m.rows > DBSCAN_MAX_ROWS) throw new ClusteringInputError("sample", `DBSCAN runs on a sample of at most ${DBSCAN_MAX_ROWS.toLocaleString("en")} customers (got ${m.rows.toLocaleString("en")}).`);
  requireFinite(m);
}

/**
 * DBSCAN as scikit-learn's (Euclidean; a point is core when at least minPts points, itself
 * included, lie within eps). Clusters are numbered 0.. in order of their first core point; border
 * points join the first cluster that reaches them; −1 is noise.
 */
export function dbscan(m: Matrix, opts: { eps: number; minPts: number }): { labels: Int32Array; core: Uint8Array } {
  const { eps, minPts } = opts;
  if (!(eps > 0) || !Number.isFinite(eps)) throw new ClusteringInputError("eps", `eps must be a positive distance (got ${eps}): read it off the k-distance chart's knee.`);
  if (!Number.isInteger(minPts) || minPts < 1) throw new ClusteringInputError("minPts", `minPts must be a whole number of at least 1 (got ${minPts}).`);
  checkSize(m);
  const n = m.rows;
  const e2 = eps * eps;
  const neighbours = (i: number, out: number[]) => {
    out.length = 0;
    for (let j = 0; j < n; j++) if (squaredDistance(m.data, i, m.data, j, m.cols) <= e2) out.push(j);
    return out;
  };
  const counts = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    counts[i]!++;
    for (let j = i + 1; j < n; j++) {
      if (squaredDistance(m.data, i, m.data, j, m.cols) <= e2) {
        counts[i]!++;
        counts[j]!++;
      }
    }
  }
  const core = Uint8Array.from(counts, (c) => (c >= minPts ? 1 : 0));
  const labels = new Int32Array(n).fill(-1);
  let cluster = 0;
  const list: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!core[i] || labels[i] !== -1) continue;
    labels[i] = cluster;
    const stack = [i];
    while (stack.length) {
      const p = stack.pop()!;
      for (const q of neighbours(p, list)) {
        if (labels[q] !== -1) continue;
        labels[q] = cluster;
        if (core[q]) stack.push(q);
      }
    }
    cluster++;
  }
  return { labels, core };
}

/**
 * For the k-distance chart: each row's distance to its k-th nearest row counting itself (the
 * smallest eps that makes it a core point with minPts = k), sorted ascending.
 */
export function kDistances(m: Matrix, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 1 || k > m.rows) throw new ClusteringInputError("minPts", `k must be between 1 and the sample size (${m.rows}); got ${k}.`);
  checkSize(m);
  const n = m.rows;
  const out = new Float64Array(n);
  const best = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    best.fill(Infinity);
    for (let j = 0; j < n; j++) {
      const v = squaredDistance(m.data, i, m.data, j, m.cols);
      if (v >= best[k - 1]!) continue;
      let p = k - 1;
      while (p > 0 && best[p - 1]! > v) {
        best[p] = best[p - 1]!;
        p--;
      }
      best[p] = v;
    }
    out[i] = Math.sqrt(best[k - 1]!);
  }
  return out.sort();
}
