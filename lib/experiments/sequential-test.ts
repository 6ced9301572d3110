import { checkProportion, type Proportion } from "./two-proportion-test";

export interface SequentialResult {
  difference: number;
  /** The mixture likelihood ratio Λ (evidence against "no difference"). */
  likelihoodRatio: number;
  /** Always-valid p-value: min over every look so far of 1/Λ (pass the previous one in). */
  pValue: number;
  /** Always-valid confidence interval for b − a at this look. */
  lower: number;
  upper: number;
  /** p ≤ α: stopping now keeps the false positive rate at α, however often results were looked at. */
  significant: boolean;
}

/**
 * Mixture sequential probability ratio test (mSPRT; Robbins 1970, Johari et al. 2017 "Always valid
 * inference") for the difference of two rates, in its normal approximation: θ̂ = rate b − rate a with
 * variance V = ra(1−ra)/na + rb(1−rb)/nb, a N(0, τ²) mixing distribution over the true difference,
 *   Λ = √(V/(V+τ²)) · exp(θ̂²τ² / (2V(V+τ²))).
 * By Ville's inequality P(Λ ever ≥ 1/α | no difference) ≤ α, so the p-value min(1/Λ) may be checked
 * after every send or open without inflating false positives — unlike a plain p-value, which
 * "peeking" turns into a 20–30 % false positive rate. τ is the size of difference one expects
 * (set up front, never from the data): 0.01 = one percentage point.
 */
export function sequentialTest(opts: {
  a: Proportion;
  b: Proportion;
  alpha?: number;
  tau?: number;
  /** The always-valid p-value of the previous look (1 before the first). */
  previousPValue?: number;
}): SequentialResult {
  checkProportion(opts.a, "variant a");
  checkProportion(opts.b, "variant b");
  const alpha = opts.alpha ?? 0.05;
  const tau2 = (opts.tau ?? 0.01) ** 2;
  if (!(alpha > 0 && alpha < 1)) throw new Error(`alpha must be between 0 and 1 (got ${alpha})`);
  if (!(tau2 > 0)) throw new Error("tau must be positive");
  const ra = opts.a.successes / opts.a.trials;
  const rb = opts.b.successes / opts.b.trials;
  const difference = rb - ra;
  const v = (ra * (1 - ra)) / opts.a.trials + (rb * (1 - rb)) / opts.b.trials;
  const previous = Math.min(1, opts.previousPValue ?? 1);
  if (v === 0) return { difference, likelihoodRatio: 1, pValue: previous, lower: -1, upper: 1, significant: previous <= alpha };
  const logLambda = 0.5 * Math.log(v / (v + tau2)) + (difference * difference * tau2) / (2 * v * (v + tau2));
  const likelihoodRatio = Math.exp(logLambda);
  const pValue = Math.min(previous, Math.exp(-logLambda));
  // The interval: every θ whose shifted statistic has Λ < 1/α.
  const half = Math.sqrt(((v * (v + tau2)) / tau2) * (-2 * Math.log(alpha) - Math.log(v / (v + tau2))));
  return {
    difference,
    likelihoodRatio,
    pValue,
    lower: Math.max(-1, difference - half),
    upper: Math.min(1, difference + half),
    significant: pValue <= alpha,
  };
}
