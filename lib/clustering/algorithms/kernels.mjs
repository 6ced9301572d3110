// The hot loops of K-Means, in plain JavaScript so that the same code runs in the calling thread
// (under tsx, vitest or Next) and in worker threads started with the plain `node` binary (which
// cannot load TypeScript). Every kernel works on one block of rows [start, end) of a row-major
// Float64Array and returns its partial result as a Float64Array; the caller sums the blocks in
// block order, so results do not depend on how many threads ran them. Types: kernels.d.mts.

/** Squared distance from row i of data to row j of centres (both with d columns). */
function dist2(data, i, centres, j, d) {
  let s = 0;
  const a = i * d;
  const b = j * d;
  for (let c = 0; c < d; c++) {
    const t = data[a + c] - centres[b + c];
    s += t * t;
  }
  return s;
}

/** k-means++, first centre: closest[i] = squared distance to it, labels[i] = 0; returns [sum]. */
export function initClosest(s, start, end, centre) {
  const { data, d, closest, labels } = s;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = dist2(data, i, centre, 0, d);
    closest[i] = v;
    labels[i] = 0;
    sum += v;
  }
  return Float64Array.of(sum);
}

/**
 * k-means++: for each of t candidates, the potential Σ min(closest, distance² to the candidate).
 * gap[j * c + a] is the distance from candidate j to chosen centre a (c centres so far): when it
 * is at least twice the row's distance to its nearest centre a, the candidate cannot be nearer
 * (triangle inequality), so the distance is not computed. Exact.
 */
export function trialPotentials(s, start, end, candidates, gap, c) {
  const { data, d, closest, labels } = s;
  const t = candidates.length / d;
  const out = new Float64Array(t);
  for (let i = start; i < end; i++) {
    const ci = closest[i];
    const twice = 2 * Math.sqrt(ci);
    const a = labels[i];
    for (let j = 0; j < t; j++) {
      if (gap[j * c + a] >= twice) out[j] += ci;
      else {
        const v = dist2(data, i, candidates, j, d);
        out[j] += v < ci ? v : ci;
      }
    }
  }
  return out;
}

/** k-means++: the chosen candidate becomes centre `index` (gap as above, one row); returns [potential]. */
export function updateClosest(s, start, end, centre, gap, index) {
  const { data, d, closest, labels } = s;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const ci = closest[i];
    if (gap[labels[i]] < 2 * Math.sqrt(ci)) {
      const v = dist2(data, i, centre, 0, d);
      if (v < ci) {
        closest[i] = v;
        labels[i] = index;
      }
    }
    sum += closest[i];
  }
  return Float64Array.of(sum);
}

/**
 * One assignment step with Hamerly's bounds (exact: the labels are those of a plain Lloyd step).
 * upper[i] bounds the distance to the assigned centre, lower[i] the distance to any other.
 * `full` recomputes everything (first iteration, or bounds not valid). `half[j]` is half the
 * distance from centre j to its nearest other centre. `move` (null on a full step): how far each
 * centre moved since the bounds were set; the bounds widen by it first (Hamerly), with maxArg the
 * centre that moved most, maxMove and secondMove the two largest moves.
 * Returns the change of [sums k×d, counts k] from the rows whose label changed (all rows on the
 * first step, when labels are −1), then the number of changed labels.
 */
export function assignStep(s, start, end, centres, half, full, move, maxArg, maxMove, secondMove) {
  const { data, d, labels, upper, lower } = s;
  const k = centres.length / d;
  const out = new Float64Array(k * d + k + 1);
  const cnt = k * d;
  let changed = 0;
  for (let i = start; i < end; i++) {
    let a = labels[i];
    let recompute = full;
    if (!full) {
      upper[i] += move[a];
      lower[i] -= a === maxArg ? secondMove : maxMove;
      const m = half[a] > lower[i] ? half[a] : lower[i];
      if (upper[i] > m) {
        const u = Math.sqrt(dist2(data, i, centres, a, d));
        upper[i] = u;
        recompute = u > m;
      }
    }
    if (recompute) {
      let best = Infinity;
      let second = Infinity;
      let bj = 0;
      for (let j = 0; j < k; j++) {
        const v = dist2(data, i, centres, j, d);
        if (v < best) {
          second = best;
          best = v;
          bj = j;
        } else if (v < second) second = v;
      }
      if (bj !== a) {
        // The centre sums change only by the rows that move (Hamerly's incremental update).
        changed++;
        const r = i * d;
        if (a >= 0) {
          const o = a * d;
          for (let c = 0; c < d; c++) out[o + c] -= data[r + c];
          out[cnt + a] -= 1;
        }
        const o = bj * d;
        for (let c = 0; c < d; c++) out[o + c] += data[r + c];
        out[cnt + bj] += 1;
        labels[i] = bj;
      }
      upper[i] = Math.sqrt(best);
      lower[i] = Math.sqrt(second);
    }
  }
  out[cnt + k] = changed;
  return out;
}

/**
 * After an exact k-means++ pass, labels[i] and closest[i] already are each row's nearest initial
 * centre and squared distance: Lloyd's first assignment comes for free. Sets the bounds (lower 0:
 * unknown) and returns [sums k×d, counts k] of those labels.
 */
export function warmStart(s, start, end, k) {
  const { data, d, labels, upper, lower, closest } = s;
  const out = new Float64Array(k * d + k);
  for (let i = start; i < end; i++) {
    const a = labels[i];
    upper[i] = Math.sqrt(closest[i]);
    lower[i] = 0;
    const o = a * d;
    const r = i * d;
    for (let c = 0; c < d; c++) out[o + c] += data[r + c];
    out[k * d + a] += 1;
  }
  return out;
}

/**
 * Silhouette of the rows of the block against every row (labels in s.labels, cluster sizes in
 * `sizes`): a = mean distance to the rest of its cluster, b = lowest mean distance to another
 * cluster, s = (b − a) / max(a, b), 0 alone in its cluster. Returns [Σ s].
 */
export function silhouetteRows(s, start, end, sizes) {
  const { data, d, labels } = s;
  const n = labels.length;
  const k = sizes.length;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = start; i < end; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) sums[labels[j]] += Math.sqrt(dist2(data, i, data, j, d));
    const li = labels[i];
    if (sizes[li] <= 1) continue;
    const a = sums[li] / (sizes[li] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== li && sizes[c] > 0 && sums[c] / sizes[c] < b) b = sums[c] / sizes[c];
    const m = a > b ? a : b;
    total += m > 0 ? (b - a) / m : 0;
  }
  return Float64Array.of(total);
}

/** DBSCAN: for each row of the block, how many rows (itself included) lie within √eps2. */
export function neighbourCounts(s, start, end, eps2) {
  const { data, d } = s;
  const n = data.length / d;
  const out = new Float64Array(end - start);
  for (let i = start; i < end; i++) {
    let c = 0;
    for (let j = 0; j < n; j++) if (dist2(data, i, data, j, d) <= eps2) c++;
    out[i - start] = c;
  }
  return out;
}

/**
 * DBSCAN links (labels[j] = 1 marks core rows): for a core row i, [i, j] for every core j < i
 * within √eps2; for a non-core row, [i, j] with its first core neighbour j (none: no pair).
 */
export function coreLinks(s, start, end, eps2) {
  const { data, d, labels } = s;
  const n = labels.length;
  const out = [];
  for (let i = start; i < end; i++) {
    if (labels[i]) {
      for (let j = 0; j < i; j++) if (labels[j] && dist2(data, i, data, j, d) <= eps2) out.push(i, j);
    } else {
      for (let j = 0; j < n; j++) {
        if (labels[j] && dist2(data, i, data, j, d) <= eps2) {
          out.push(i, j);
          break;
        }
      }
    }
  }
  return Float64Array.from(out);
}

/** For the k-distance chart: each row's distance to its k-th nearest row (itself counted). */
export function kthDistances(s, start, end, k) {
  const { data, d } = s;
  const n = data.length / d;
  const out = new Float64Array(end - start);
  const best = new Float64Array(k);
  for (let i = start; i < end; i++) {
    best.fill(Infinity);
    for (let j = 0; j < n; j++) {
      const v = dist2(data, i, data, j, d);
      if (v >= best[k - 1]) continue;
      let p = k - 1;
      while (p > 0 && best[p - 1] > v) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = v;
    }
    out[i - start] = Math.sqrt(best[k - 1]);
  }
  return out;
}

/** Sum of squared distances to the assigned centres: returns [inertia]. */
export function inertiaBlock(s, start, end, centres) {
  const { data, d, labels } = s;
  let sum = 0;
  for (let i = start; i < end; i++) sum += dist2(data, i, centres, labels[i], d);
  return Float64Array.of(sum);
}

/** The `count` rows of the block farthest from their centres: [dist, row] pairs, farthest first. */
export function farthest(s, start, end, centres, count) {
  const { data, d, labels } = s;
  const best = [];
  for (let i = start; i < end; i++) {
    const v = dist2(data, i, centres, labels[i], d);
    if (best.length < count || v > best[best.length - 1][0]) {
      best.push([v, i]);
      best.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
      if (best.length > count) best.pop();
    }
  }
  return Float64Array.from(best.flat());
}

export const kernels = {
  initClosest,
  trialPotentials,
  updateClosest,
  assignStep,
  warmStart,
  silhouetteRows,
  neighbourCounts,
  coreLinks,
  kthDistances,
  inertiaBlock,
  farthest,
};
