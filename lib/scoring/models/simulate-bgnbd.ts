import { Rng } from "../../demo/prng";
import type { BgnbdParams, RfmSummary } from "./bgnbd";
import type { GammaGammaParams } from "./gamma-gamma";
import { sampleBeta, sampleGamma } from "./random-variates";

export interface SimulatedCustomers extends RfmSummary {
  /** Average spend per repeat purchase (0 without repeats), drawn from the Gamma-Gamma model when its parameters are given. */
  monetary: Float64Array;
  /** Purchases in (T, T + holdoutDays]. */
  holdoutPurchases: Float64Array;
}

/**
 * Customers drawn from the BG/NBD story (λ ~ Gamma(r, α), p ~ Beta(a, b); Poisson purchases at rate λ,
 * dropping out after any repeat purchase with probability p), observed for T days after their first purchase
 * (T uniform in [minT, maxT]) and then for `holdoutDays` more. For tests and benchmarks.
 */
export function simulateBgnbd(options: {
  params: BgnbdParams;
  customers: number;
  minT: number;
  maxT: number;
  seed: number;
  holdoutDays?: number;
  spend?: GammaGammaParams;
}): SimulatedCustomers {
  const { params, customers, seed } = options;
  const rng = new Rng(seed);
  const frequency = new Float64Array(customers);
  const recency = new Float64Array(customers);
  const T = new Float64Array(customers);
  const monetary = new Float64Array(customers);
  const holdoutPurchases = new Float64Array(customers);
  const holdout = options.holdoutDays ?? 0;
  for (let i = 0; i < customers; i++) {
    const lambda = sampleGamma(rng, params.r, params.alpha);
    const p = sampleBeta(rng, params.a, params.b);
    const end = options.minT + (options.maxT - options.minT) * rng.next();
    T[i] = end;
    let t = 0;
    let x = 0;
    let later = 0;
    for (;;) {
      t += -Math.log(1 - rng.next()) / lambda;
      if (t > end + holdout) break;
      if (t <= end) {
        x++;
        recency[i] = t;
      } else later++;
      if (rng.next() < p) break; // dropped out after this repeat purchase (never after the first one)
    }
    frequency[i] = x;
    holdoutPurchases[i] = later;
    if (options.spend && x > 0) {
      const nu = sampleGamma(rng, options.spend.q, options.spend.v);
      let sum = 0;
      for (let k = 0; k < x; k++) sum += sampleGamma(rng, options.spend.p, nu);
      monetary[i] = sum / x;
    }
  }
  return { frequency, recency, T, monetary, holdoutPurchases };
}
