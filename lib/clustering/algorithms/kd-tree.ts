import type { Matrix } from "./matrix";

/**
 * A k-d tree over the rows of a matrix, for "nearest row within a radius" queries (DBSCAN's core
 * points for the rest of the population). Split on the widest dimension at the median; leaves of
 * at most 16 rows. Nodes live in flat typed arrays.
 */
export interface KdTree {
  nearestWithin(point: Float64Array, offset: number, radius: number): { row: number; dist2: number };
}

const LEAF = 16;

export function buildKdTree(m: Matrix): KdTree {
  const d = m.cols;
  const order = Int32Array.from({ length: m.rows }, (_, i) => i);
  // Node arrays: for node t, [start, end) of `order`; split dim (−1 leaf), split value, children.
  const start: number[] = [];
  const end: number[] = [];
  const dim: number[] = [];
  const value: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const build = (s: number, e: number): number => {
    const t = start.length;
    start.push(s);
    end.push(e);
    dim.push(-1);
    value.push(0);
    left.push(-1);
    right.push(-1);
    if (e - s <= LEAF) return t;
    let best = 0;
    let spread = -1;
    for (let c = 0; c < d; c++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = s; i < e; i++) {
        const x = m.data[order[i]! * d + c]!;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      if (hi - lo > spread) [spread, best] = [hi - lo, c];
    }
    if (spread <= 0) return t;
    const slice = Array.from(order.subarray(s, e)).sort((a, b) => m.data[a * d + best]! - m.data[b * d + best]!);
    order.set(slice, s);
    const mid = s + ((e - s) >> 1);
    dim[t] = best;
    value[t] = m.data[order[mid]! * d + best]!;
    left[t] = build(s, mid);
    right[t] = build(mid, e);
    return t;
  };
  build(0, m.rows);
  return {
    nearestWithin(point, offset, radius) {
      let bestRow = -1;
      let bestD2 = radius * radius;
      const visit = (t: number) => {
        if (dim[t] === -1) {
          for (let i = start[t]!; i < end[t]!; i++) {
            const r = order[i]!;
            let s = 0;
            for (let c = 0; c < d && s <= bestD2; c++) s += (point[offset + c]! - m.data[r * d + c]!) ** 2;
            if (s < bestD2 || (s === bestD2 && (bestRow === -1 || r < bestRow))) [bestD2, bestRow] = [s, r];
          }
          return;
        }
        const diff = point[offset + dim[t]!]! - value[t]!;
        const [near, far] = diff < 0 ? [left[t]!, right[t]!] : [right[t]!, left[t]!];
        visit(near);
        if (diff * diff <= bestD2) visit(far);
      };
      visit(0);
      return { row: bestRow, dist2: bestD2 };
    },
  };
}
