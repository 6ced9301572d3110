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

/** closest[i] = squared distance to the one centre; returns [sum]. */
export function initClosest(s, start, end, centre) {
  const { data, d, closest } = s;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = dist2(data, i, centre, 0, d);
    closest[i] = v;
    sum += v;
  }
  return Float64Array.of(sum);
}

/** For each of t candidate centres: the potential sum(min(closest, dist to candidate)). */
export function trialPotentials(s, start, end, candidates) {
  const { data, d, closest } = s;
  const t = candidates.length / d;
  const out = new Float64Array(t);
  for (let i = start; i < end; i++) {
    const ci = closest[i];
    for (let j = 0; j < t; j++) {
      const v = dist2(data, i, candidates, j, d);
      out[j] += v < ci ? v : ci;
    }
  }
  return out;
}

/** closest[i] = min(closest[i], distance to the chosen centre); returns [new potential]. */
export function updateClosest(s, start, end, centre) {
  const { data, d, closest } = s;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = dist2(data, i, centre, 0, d);
    if (v < closest[i]) closest[i] = v;
    sum += closest[i];
  }
  return Float64Array.of(sum);
}

/**
 * One assignment step with Hamerly's bounds (exact: the labels are those of a plain Lloyd step).
 * upper[i] bounds the distance to the assigned centre, lower[i] the distance to any other.
 * `full` recomputes everything (first iteration, or bounds not valid). `half[j]` is half the
 * distance from centre j to its nearest other centre. Returns [sums k×d, counts k, changed].
 */
export function assignStep(s, start, end, centres, half, full) {
  const { data, d, labels, upper, lower } = s;
  const k = centres.length / d;
  const out = new Float64Array(k * d + k + 1);
  const cnt = k * d;
  let changed = 0;
  for (let i = start; i < end; i++) {
    let a = labels[i];
    let recompute = full;
    if (!full) {
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
      if (bj !== a) changed++;
      a = bj;
      labels[i] = bj;
      upper[i] = Math.sqrt(best);
      lower[i] = Math.sqrt(second);
    }
    const o = a * d;
    const r = i * d;
    for (let c = 0; c < d; c++) out[o + c] += data[r + c];
    out[cnt + a] += 1;
  }
  out[cnt + k] = changed;
  return out;
}

/** After centres moved by move[j]: widen the bounds (Hamerly). maxMove, secondMove: largest two. */
export function moveBounds(s, start, end, move, maxArg, maxMove, secondMove) {
  const { labels, upper, lower } = s;
  for (let i = start; i < end; i++) {
    const a = labels[i];
    upper[i] += move[a];
    lower[i] -= a === maxArg ? secondMove : maxMove;
  }
  return new Float64Array(0);
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

export const kernels = { initClosest, trialPotentials, updateClosest, assignStep, moveBounds, inertiaBlock, farthest };
