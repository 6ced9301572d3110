import type { Merge } from "./ward";

/**
 * The top of a Ward tree, as scipy's `dendrogram(Z, truncate_mode="lastp", p)` draws it: the last
 * p − 1 merges, over p leaves that each stand for a group of sampled rows. Client-safe (no imports
 * beyond types): the run page draws it and previews other cuts from it without recomputing.
 */
export interface TreeLeaf {
  /** Sampled rows in the group. */
  size: number;
  /** Smallest row index in the group: cluster numbers follow it, as in `cutTree`. */
  firstRow: number;
  /** Height of the merge that formed the group (0 for a single row). */
  height: number;
}

export interface TruncatedTree {
  /** Rows in the sample the tree was built on. */
  rows: number;
  /** Leaves in drawing order (left to right, scipy's order: each merge's a then b). */
  leaves: TreeLeaf[];
  /** Node ids: 0..leaves.length − 1 are the leaves, leaves.length + i is merge i. Heights ascending. */
  merges: Merge[];
}

/** Keeps the last `p − 1` merges of a full tree over `n` rows (all of them when n ≤ p). */
export function truncateTree(merges: Merge[], n: number, p: number): TruncatedTree {
  if (merges.length !== n - 1) throw new Error(`A tree over ${n} rows has ${n - 1} merges, not ${merges.length}.`);
  const leavesWanted = Math.max(1, Math.min(p, n));
  const firstKept = n - leavesWanted; // merges[firstKept..] are drawn; node ids below n + firstKept are leaves
  const firstRow = new Int32Array(2 * n - 1);
  const height = new Float64Array(2 * n - 1);
  const size = new Int32Array(2 * n - 1);
  for (let i = 0; i < n; i++) {
    firstRow[i] = i;
    size[i] = 1;
  }
  merges.forEach((m, i) => {
    firstRow[n + i] = Math.min(firstRow[m.a]!, firstRow[m.b]!);
    height[n + i] = m.height;
    size[n + i] = m.size;
  });
  const leaves: TreeLeaf[] = [];
  const newId = new Map<number, number>();
  // Depth-first from the root, a before b, so leaves come out left to right.
  const stack = [n === 1 ? 0 : 2 * n - 2];
  while (stack.length) {
    const id = stack.pop()!;
    if (id < n + firstKept) {
      newId.set(id, leaves.length);
      leaves.push({ size: size[id]!, firstRow: firstRow[id]!, height: height[id]! });
    } else {
      const m = merges[id - n]!;
      stack.push(m.b, m.a);
    }
  }
  const kept = merges.slice(firstKept).map((m) => {
    const map = (id: number) => (id < n + firstKept ? newId.get(id)! : leaves.length + (id - n - firstKept));
    return { a: map(m.a), b: map(m.b), height: m.height, size: m.size };
  });
  return { rows: n, leaves, merges: kept };
}

export type TreeCut = { by: "k"; k: number } | { by: "height"; height: number };

export type TreeCutResult =
  | {
      ok: true;
      k: number;
      /** Where the cut line goes: the height asked for, or midway between the merges a k-cut separates. */
      height: number;
      /** Cluster of each leaf, numbered as `cutTree` numbers them (order of each cluster's first row). */
      leafCluster: number[];
      /** Cluster of each merge at or below the cut; −1 for merges above it. */
      mergeCluster: number[];
      /** Sampled rows per cluster. */
      sizes: number[];
    }
  | { ok: false; message: string };

/** Largest number of clusters a run profiles (the same bound as K-Means' k). */
export const MAX_TREE_CLUSTERS = 30;

/**
 * Cuts the drawn top of the tree into flat clusters, as `cutTree` cuts the full tree (same clusters,
 * same numbers), or says in words why the cut cannot be used: one cluster, or more clusters than
 * the drawing (or a run) can show.
 */
export function cutTruncatedTree(tree: TruncatedTree, cut: TreeCut): TreeCutResult {
  const p = tree.leaves.length;
  const top = tree.merges.at(-1)?.height ?? 0;
  const most = Math.min(MAX_TREE_CLUSTERS, p);
  let applied: number;
  if (cut.by === "k") {
    if (!Number.isInteger(cut.k) || cut.k < 2 || cut.k > most)
      return { ok: false, message: `The number of clusters must be a whole number from 2 to ${most}.` };
    applied = p - cut.k;
  } else {
    if (!(cut.height > 0)) return { ok: false, message: "The cut height must be more than 0." };
    if (cut.height >= top)
      return { ok: false, message: `At height ${cut.height} everyone is in one cluster: cut below ${round(top)} (the highest merge).` };
    applied = tree.merges.filter((m) => m.height <= cut.height).length;
    const tooLow = tree.leaves.some((l) => l.height > cut.height);
    if (tooLow || p - applied > MAX_TREE_CLUSTERS) {
      const lowest = p - most - 1 >= 0 ? tree.merges[p - most - 1]!.height : Math.max(...tree.leaves.map((l) => l.height));
      return {
        ok: false,
        message: `At height ${cut.height} the tree falls into more than ${most} clusters: cut at ${round(lowest)} or higher.`,
      };
    }
  }
  const parent = Int32Array.from({ length: 2 * p - 1 }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (let i = 0; i < applied; i++) {
    parent[find(tree.merges[i]!.a)] = p + i;
    parent[find(tree.merges[i]!.b)] = p + i;
  }
  const rootFirst = new Map<number, number>();
  tree.leaves.forEach((leaf, i) => {
    const r = find(i);
    rootFirst.set(r, Math.min(rootFirst.get(r) ?? Infinity, leaf.firstRow));
  });
  const roots = [...rootFirst.entries()].sort((x, y) => x[1] - y[1]).map(([r]) => r);
  const label = new Map(roots.map((r, c) => [r, c]));
  const leafCluster = tree.leaves.map((_, i) => label.get(find(i))!);
  const mergeCluster = tree.merges.map((_, i) => (i < applied ? label.get(find(p + i))! : -1));
  const sizes = new Array<number>(roots.length).fill(0);
  tree.leaves.forEach((leaf, i) => (sizes[leafCluster[i]!]! += leaf.size));
  const below = applied > 0 ? tree.merges[applied - 1]!.height : Math.max(0, ...tree.leaves.map((l) => l.height));
  const above = tree.merges[applied]?.height ?? top;
  return { ok: true, k: roots.length, height: cut.by === "height" ? cut.height : (below + above) / 2, leafCluster, mergeCluster, sizes };
}

const round = (x: number) => Number(x.toPrecision(3));
