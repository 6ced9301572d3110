import { describe, expect, it } from "vitest";
import { createRandom } from "../clustering/algorithms/random";
import { sequentialTest } from "./sequential-test";
import { twoProportionTest } from "./two-proportion-test";

/**
 * Simulated experiments looked at after every batch of sends. Returns the share that ever declared
 * a difference, with the mSPRT and with a plain p-value checked at each look ("peeking").
 */
function simulate(opts: { rateA: number; rateB: number; experiments: number; looks: number; batch: number; seed: number }) {
  const random = createRandom(opts.seed);
  let sequentialHits = 0;
  let peekingHits = 0;
  for (let e = 0; e < opts.experiments; e++) {
    let xa = 0;
    let xb = 0;
    let p = 1;
    let seqHit = false;
    let peekHit = false;
    for (let look = 1; look <= opts.looks; look++) {
      for (let i = 0; i < opts.batch; i++) {
        if (random() < opts.rateA) xa++;
        if (random() < opts.rateB) xb++;
      }
      const n = look * opts.batch;
      const a = { successes: xa, trials: n };
      const b = { successes: xb, trials: n };
      const s = sequentialTest({ a, b, alpha: 0.05, tau: 0.02, previousPValue: p });
      p = s.pValue;
      if (s.significant) seqHit = true;
      if (twoProportionTest(a, b).pValue <= 0.05) peekHit = true;
    }
    if (seqHit) sequentialHits++;
    if (peekHit) peekingHits++;
  }
  return { sequential: sequentialHits / opts.experiments, peeking: peekingHits / opts.experiments };
}

describe("sequentialTest (mSPRT)", () => {
  it("keeps the false positive rate at α under continuous monitoring, where peeking at a plain p-value does not", () => {
    // A/A tests: both variants convert at 10 %; 100 looks, 100 recipients per variant between looks.
    const { sequential, peeking } = simulate({ rateA: 0.1, rateB: 0.1, experiments: 1000, looks: 100, batch: 100, seed: 42 });
    // α = 0.05; binomial standard error of the estimate over 1,000 runs ≈ 0.007.
    expect(sequential).toBeLessThanOrEqual(0.05 + 0.014);
    expect(peeking).toBeGreaterThan(0.15);
  });

  it("finds a real difference (10 % vs 12 %) in most experiments", () => {
    const { sequential } = simulate({ rateA: 0.1, rateB: 0.12, experiments: 200, looks: 100, batch: 100, seed: 5 });
    expect(sequential).toBeGreaterThan(0.8);
  });

  it("gives monotone p-values and an interval that holds the estimate", () => {
    const first = sequentialTest({ a: { successes: 100, trials: 1000 }, b: { successes: 150, trials: 1000 } });
    expect(first.lower).toBeLessThan(first.difference);
    expect(first.upper).toBeGreaterThan(first.difference);
    const later = sequentialTest({
      a: { successes: 200, trials: 2000 },
      b: { successes: 200, trials: 2000 },
      previousPValue: first.pValue,
    });
    expect(later.pValue).toBe(first.pValue);
    expect(() => sequentialTest({ a: { successes: 5, trials: 3 }, b: { successes: 1, trials: 3 } })).toThrow(/variant a: successes/);
  });
});
