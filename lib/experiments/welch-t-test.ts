import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

/** A sample's summary: size, mean and (n − 1) variance — what SQL's count/avg/var_samp give. */
export interface SampleSummary {
  n: number;
  mean: number;
  variance: number;
}

export interface WelchResult {
  /** b − a. */
  difference: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided. */
  pValue: number;
  lower: number;
  upper: number;
}

/** Summary of raw values (e.g. each recipient's revenue, 0 for those who bought nothing). */
export function summarize(values: ArrayLike<number>): SampleSummary {
  const n = values.length;
  let mean = 0;
  let m2 = 0;
  // Welford: stable for large revenue sums.
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : 0 };
}

/**
 * Welch's t test for the difference of two means with unequal variances (revenue per recipient):
 * the same t and p-value as SciPy's `ttest_ind(a, b, equal_var=False)` with the sign of b − a,
 * and a confidence interval for the difference.
 */
export function welchTTest(a: SampleSummary, b: SampleSummary, confidence = 0.95): WelchResult {
  for (const [s, name] of [
    [a, "variant a"],
    [b, "variant b"],
  ] as const) {
    if (!Number.isInteger(s.n) || s.n < 2) throw new Error(`${name}: needs at least 2 recipients (got ${s.n})`);
    if (!(s.variance >= 0) || !Number.isFinite(s.mean)) throw new Error(`${name}: mean and variance must be finite, variance ≥ 0`);
  }
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  const difference = b.mean - a.mean;
  if (se === 0) return { difference, t: 0, df: a.n + b.n - 2, pValue: difference === 0 ? 1 : 0, lower: difference, upper: difference };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = difference / se;
  const q = tQuantile(1 - (1 - confidence) / 2, df);
  return { difference, t, df, pValue: 2 * tCdf(-Math.abs(t), df), lower: difference - q * se, upper: difference + q * se };
}

/**
 * The summary of several samples taken together (everyone sent the campaign, from each variant's
 * summary): the same mean and (n − 1) variance as summarize() of the concatenated values.
 */
export function poolSummaries(parts: SampleSummary[]): SampleSummary {
  const n = parts.reduce((s, p) => s + p.n, 0);
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = parts.reduce((s, p) => s + p.n * p.mean, 0) / n;
  const m2 = parts.reduce((s, p) => s + Math.max(0, p.n - 1) * p.variance + p.n * (p.mean - mean) ** 2, 0);
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : 0 };
}

/** Student's t interval of one mean (revenue per recipient of one variant): mean ± t(n−1) · s/√n. */
export function meanInterval(s: SampleSummary, confidence = 0.95): { lower: number; upper: number } {
  if (s.n < 2) return { lower: s.mean, upper: s.mean };
  const half = tQuantile(1 - (1 - confidence) / 2, s.n - 1) * Math.sqrt(s.variance / s.n);
  return { lower: s.mean - half, upper: s.mean + half };
}
