import { ClusteringInputError, type Matrix } from "./matrix";

export interface Merge {
  /** Cluster ids merged: 0..n−1 are the rows, n + i is the cluster made by merge i; a < b. */
  a: number;
  b: number;
  /** Ward distance (scipy's linkage height): sqrt(2·|A|·|B| / (|A|+|B|)) · ‖centroid A − centroid B‖. */
  height: number;
  /** Rows in the new cluster. */
  size: number;
}

/**
 * Agglomerative clustering with Ward's criterion, in scipy's `linkage(X, "ward")` convention
 * (merges in increasing height). Nearest-neighbour chain on cluster centroids: O(n² · cols) time,
 * O(n · cols) memory, so a sample of several thousand rows fits.
 */
export function ward(m: Matrix): { merges: Merge[] } {
  const n = m.rows;
  const d = m.cols;
  if (n < 2) throw new ClusteringInputError("sample", "Hierarchical clustering needs at least 2 customers.");
  const centroid = m.data.slice();
  const size = new Float64Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const wardDist = (i: number, j: number) => {
    let s = 0;
    for (let c = 0; c < d; c++) s += (centroid[i * d + c]! - centroid[j * d + c]!) ** 2;
    return Math.sqrt(((2 * size[i]! * size[j]!) / (size[i]! + size[j]!)) * s);
  };
  const raw: { x: number; y: number; height: number; size: number }[] = [];
  const chain: number[] = [];
  let remaining = n;
  let first = 0;
  while (remaining > 1) {
    if (chain.length === 0) {
      while (!active[first]) first++;
      chain.push(first);
    }
    const top = chain[chain.length - 1]!;
    const prev = chain.length > 1 ? chain[chain.length - 2]! : -1;
    let best = prev;
    let bestD = prev >= 0 ? wardDist(top, prev) : Infinity;
    for (let j = 0; j < n; j++) {
      if (!active[j] || j === top) continue;
      const dist = wardDist(top, j);
      if (dist < bestD || (dist === bestD && j < best && best !== prev)) {
        bestD = dist;
        best = j;
      }
    }
    if (best === prev) {
      chain.pop();
      chain.pop();
      // Merge `top` into the lower index `keep`; the other slot retires.
      const keep = Math.min(top, prev);
      const gone = Math.max(top, prev);
      const total = size[keep]! + size[gone]!;
      for (let c = 0; c < d; c++)
        centroid[keep * d + c] = (centroid[keep * d + c]! * size[keep]! + centroid[gone * d + c]! * size[gone]!) / total;
      raw.push({ x: keep, y: gone, height: bestD, size: total });
      size[keep] = total;
      active[gone] = 0;
      remaining--;
    } else chain.push(best);
  }
  // Sort by height (stable) and relabel with union–find, as scipy does.
  const order = raw.map((_, i) => i).sort((p, q) => raw[p]!.height - raw[q]!.height || p - q);
  const parent = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const merges: Merge[] = order.map((idx, i) => {
    const r = raw[idx]!;
    const a = find(r.x);
    const b = find(r.y);
    parent[a] = n + i;
    parent[b] = n + i;
    return { a: Math.min(a, b), b: Math.max(a, b), height: r.height, size: r.size };
  });
  return { merges };
}

/**
 * Flat clusters from a dendrogram: the first n − k merges ({ k }), or every merge at or below a
 * height ({ height }). Labels 0.. in order of each cluster's first row.
 */
export function cutTree(merges: Merge[], n: number, cut: { k: number } | { height: number }): Int32Array {
  let apply: number;
  if ("k" in cut) {
    if (!Number.isInteger(cut.k) || cut.k < 1 || cut.k > n)
      throw new ClusteringInputError("k", `The number of clusters must be between 1 and ${n} (got ${cut.k}).`);
    apply = n - cut.k;
  } else {
    if (!(cut.height >= 0)) throw new ClusteringInputError("height", `The cut height must be 0 or more (got ${cut.height}).`);
    apply = merges.findIndex((mg) => mg.height > cut.height);
    if (apply < 0) apply = merges.length;
  }
  const parent = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (let i = 0; i < apply; i++) {
    parent[find(merges[i]!.a)] = n + i;
    parent[find(merges[i]!.b)] = n + i;
  }
  const labels = new Int32Array(n);
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    if (!ids.has(root)) ids.set(root, ids.size);
    labels[i] = ids.get(root)!;
  }
  return labels;
}
