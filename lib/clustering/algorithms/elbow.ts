import { openRunner } from "./kernel-runner";
import { kmeansAsync } from "./kmeans";
import { abortIfNeeded, ClusteringInputError, type Matrix } from "./matrix";
import { silhouetteAsync } from "./silhouette";

export interface ElbowRow {
  k: number;
  inertia: number;
  silhouette: number;
  /** True when the silhouette was computed on a seeded sample (population above ~10,000). */
  sampled: boolean;
}

/**
 * K-Means for every k in [kMin, kMax] (worker threads shared by all k), with the inertia (elbow
 * chart) and the silhouette of each. k above the population size is skipped.
 */
export async function elbow(
  m: Matrix,
  opts: {
    kMin?: number;
    kMax?: number;
    seed: number;
    nInit?: number;
    maxIter?: number;
    silhouetteSample?: number;
    onProgress?: (fraction: number) => void;
    signal?: AbortSignal;
  },
): Promise<ElbowRow[]> {
  const kMin = opts.kMin ?? 2;
  const kMax = Math.min(opts.kMax ?? 15, m.rows - 1);
  if (!Number.isInteger(kMin) || kMin < 2) throw new ClusteringInputError("kMin", `The elbow starts at k = 2 or more (got ${kMin}).`);
  if (kMax < kMin)
    throw new ClusteringInputError("kMax", `The population (${m.rows} customers) is too small for k from ${kMin} to ${opts.kMax ?? 15}.`);
  const runner = await openRunner(m);
  try {
    const out: ElbowRow[] = [];
    const steps = kMax - kMin + 1;
    for (let k = kMin; k <= kMax; k++) {
      abortIfNeeded(opts.signal);
      const done = k - kMin;
      const r = await kmeansAsync(m, {
        k,
        seed: opts.seed,
        nInit: opts.nInit ?? 3,
        maxIter: opts.maxIter,
        signal: opts.signal,
        runner,
        onProgress: (f) => opts.onProgress?.((done + 0.9 * f) / steps),
      });
      const s = await silhouetteAsync(m, r.labels, { sampleSize: opts.silhouetteSample, seed: opts.seed });
      out.push({ k, inertia: r.inertia, silhouette: s.score, sampled: s.sampled });
      opts.onProgress?.((done + 1) / steps);
    }
    return out;
  } finally {
    await runner.close();
  }
}

/**
 * The suggested k: the highest silhouette; silhouettes within 0.01 of the best count as a tie,
 * broken by the elbow — the tied k where the inertia curve bends most (largest second difference
 * of inertia), else the smallest tied k.
 */
export function suggestK(rows: ElbowRow[]): number {
  if (rows.length === 0) throw new ClusteringInputError("k", "No elbow rows to suggest k from.");
  const best = Math.max(...rows.map((r) => r.silhouette));
  const tied = rows.filter((r) => r.silhouette >= best - 0.01);
  if (tied.length === 1) return tied[0]!.k;
  const byK = new Map(rows.map((r) => [r.k, r.inertia]));
  const bend = (k: number) => {
    const prev = byK.get(k - 1);
    const next = byK.get(k + 1);
    const here = byK.get(k)!;
    return prev === undefined || next === undefined ? -Infinity : prev - 2 * here + next;
  };
  return [...tied].sort((a, b) => bend(b.k) - bend(a.k) || a.k - b.k)[0]!.k;
}
