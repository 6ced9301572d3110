import type { ClusterProfile, FeatureProfile, PopulationStats } from "./schemas";
import { suggestClusterNames } from "./suggest-cluster-names";

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

function summarize(values: Float64Array): { mean: number; median: number; sd: number; min: number; max: number; filled: number } {
  const finite = values.filter((v) => Number.isFinite(v)).sort();
  const n = finite.length;
  const filled = values.length - n;
  if (n === 0) return { mean: NaN, median: NaN, sd: NaN, min: NaN, max: NaN, filled };
  let sum = 0;
  for (const v of finite) sum += v;
  const mean = sum / n;
  let sq = 0;
  for (const v of finite) sq += (v - mean) ** 2;
  return { mean, median: median(finite), sd: Math.sqrt(sq / n), min: finite[0]!, max: finite[n - 1]!, filled };
}

/**
 * Each cluster's mean and median per feature (on the raw values, missing ones left out and counted
 * as filled) against the whole clustered population, the standardized difference of the means, the
 * features that stand out most, how many members never purchased (with `purchased`), and a suggested
 * plain-language name. Noise (label −1) gets no profile.
 */
export function profileClusters(opts: {
  values: Float64Array;
  rows: number;
  features: string[];
  labels: Int32Array | Int16Array;
  k: number;
  /** Per row, 1 when the customer has purchased. */
  purchased?: Uint8Array;
}): { population: PopulationStats[]; profiles: ClusterProfile[]; sizes: number[] } {
  const { values, rows, features, labels, k, purchased } = opts;
  const d = features.length;
  const sizes = new Array<number>(k).fill(0);
  const never = new Array<number>(k).fill(0);
  for (let i = 0; i < rows; i++) {
    if (labels[i]! < 0) continue;
    sizes[labels[i]!]!++;
    if (purchased && !purchased[i]) never[labels[i]!]!++;
  }
  const column = (j: number, cluster?: number): Float64Array => {
    const out = new Float64Array(cluster === undefined ? rows : sizes[cluster]!);
    let n = 0;
    for (let i = 0; i < rows; i++) if (cluster === undefined || labels[i] === cluster) out[n++] = values[i * d + j]!;
    return out;
  };
  const population: PopulationStats[] = features.map((key, j) => ({ key, ...summarize(column(j)) }));
  const profiles: ClusterProfile[] = [];
  for (let c = 0; c < k; c++) {
    const fp: FeatureProfile[] = features.map((key, j) => {
      const s = summarize(column(j, c));
      const pop = population[j]!;
      const difference = pop.sd > 0 && Number.isFinite(s.mean) ? (s.mean - pop.mean) / pop.sd : 0;
      return { key, mean: s.mean, median: s.median, filled: s.filled, difference };
    });
    const standouts = [...fp]
      .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))
      .filter((f) => Math.abs(f.difference) >= 0.25)
      .slice(0, 3)
      .map((f) => f.key);
    profiles.push({
      cluster: c,
      size: sizes[c]!,
      share: rows ? sizes[c]! / rows : 0,
      features: fp,
      standouts,
      suggestedName: "",
      ...(purchased ? { neverPurchased: never[c]! } : {}),
    });
  }
  const names = suggestClusterNames(profiles);
  profiles.forEach((p, i) => (p.suggestedName = names[i]!));
  return { population, profiles, sizes };
}
