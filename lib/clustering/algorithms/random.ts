/**
 * A small seeded generator (mulberry32 twice → 53-bit doubles): the same seed gives the same
 * stream on every machine, which is what makes a clustering run reproducible.
 */
export function createRandom(seed: number): () => number {
  let a = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  const next32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => (next32() * 2 ** 21 + (next32() >>> 11)) / 2 ** 53;
}

/** A uniform integer in [0, n). */
export function randomInt(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/**
 * `size` distinct row indices out of n, chosen uniformly with a seed, in increasing order
 * (all rows when size ≥ n). Partial Fisher–Yates over a sparse swap map: O(size) memory.
 */
export function sampleRows(n: number, size: number, seed: number): Int32Array {
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const random = createRandom(seed);
  const swapped = new Map<number, number>();
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const j = i + randomInt(random, n - i);
    const vj = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out[i] = vj;
  }
  return out.sort();
}
