import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { checkProportion, type Proportion } from "./two-proportion-test";

export interface Interval {
  lower: number;
  upper: number;
}

/** Wilson's score interval for one proportion. */
export function wilsonInterval(p: Proportion, confidence = 0.95): Interval {
  checkProportion(p, "proportion");
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  const n = p.trials;
  const rate = p.successes / n;
  const centre = rate + (z * z) / (2 * n);
  const half = z * Math.sqrt((rate * (1 - rate)) / n + (z * z) / (4 * n * n));
  const denominator = 1 + (z * z) / n;
  return { lower: Math.max(0, (centre - half) / denominator), upper: Math.min(1, (centre + half) / denominator) };
}

/**
 * Newcombe's hybrid score interval (his method 10, without continuity correction) for the
 * difference of two proportions, b − a: built from each rate's Wilson interval, so it stays inside
 * [−1, 1] and behaves at rates near 0 — where email click rates live — unlike the Wald interval.
 */
export function newcombeInterval(a: Proportion, b: Proportion, confidence = 0.95): Interval & { difference: number } {
  const ra = a.successes / a.trials;
  const rb = b.successes / b.trials;
  const wa = wilsonInterval(a, confidence);
  const wb = wilsonInterval(b, confidence);
  const difference = rb - ra;
  return {
    difference,
    lower: difference - Math.sqrt((rb - wb.lower) ** 2 + (wa.upper - ra) ** 2),
    upper: difference + Math.sqrt((wb.upper - rb) ** 2 + (ra - wa.lower) ** 2),
  };
}
