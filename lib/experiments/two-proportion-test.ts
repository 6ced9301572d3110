import normalCdf from "@stdlib/stats-base-dists-normal-cdf";

/** Successes out of trials for one variant (opens, clicks or conversions out of recipients). */
export interface Proportion {
  successes: number;
  trials: number;
}

export interface TwoProportionResult {
  /** Rates of a and b. */
  rateA: number;
  rateB: number;
  /** b − a. */
  difference: number;
  /** Pearson's χ² of the 2×2 table without continuity correction (= z²). */
  chi2: number;
  z: number;
  /** Two-sided. */
  pValue: number;
}

export function checkProportion(p: Proportion, name: string): void {
  if (!Number.isInteger(p.trials) || p.trials <= 0) throw new Error(`${name}: trials must be a positive whole number (got ${p.trials})`);
  if (!Number.isInteger(p.successes) || p.successes < 0 || p.successes > p.trials)
    throw new Error(`${name}: successes must be a whole number between 0 and ${p.trials} (got ${p.successes})`);
}

/**
 * The two-proportion test of a 2×2 table (variant × success): Pearson's χ² without continuity
 * correction, which is the pooled z test squared — the same figures as SciPy's
 * `chi2_contingency(table, correction=False)`. The p-value comes from the normal tail (2·Φ(−|z|)),
 * exact to the last digits even far in the tail.
 */
export function twoProportionTest(a: Proportion, b: Proportion): TwoProportionResult {
  checkProportion(a, "variant a");
  checkProportion(b, "variant b");
  const rateA = a.successes / a.trials;
  const rateB = b.successes / b.trials;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  // A table with a zero margin (nobody or everybody succeeded) has no evidence of a difference.
  const z = se === 0 ? 0 : (rateB - rateA) / se;
  return { rateA, rateB, difference: rateB - rateA, chi2: z * z, z, pValue: se === 0 ? 1 : 2 * normalCdf(-Math.abs(z), 0, 1) };
}
