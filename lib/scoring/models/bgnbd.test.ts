import { describe, expect, it } from "vitest";
import { bgnbdExpectedPurchases, bgnbdLogLikelihood, bgnbdProbabilityAlive, fitBgnbd, type BgnbdParams } from "./bgnbd";
import { simulateBgnbd } from "./simulate-bgnbd";

const cdnow: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const names = ["r", "alpha", "a", "b"] as const;

describe("BG/NBD likelihood", () => {
  const data = simulateBgnbd({ params: cdnow, customers: 400, minT: 27, maxT: 39, seed: 7 });

  it.each([cdnow, { r: 1.3, alpha: 12, a: 2.5, b: 0.6 }, { r: 0.05, alpha: 0.9, a: 0.2, b: 9 }])(
    "gradient matches central finite differences at %o",
    (p) => {
      const grad = new Float64Array(4);
      bgnbdLogLikelihood(p, data, grad);
      names.forEach((name, k) => {
        const h = 1e-6 * p[name];
        const up = bgnbdLogLikelihood({ ...p, [name]: p[name] + h }, data);
        const down = bgnbdLogLikelihood({ ...p, [name]: p[name] - h }, data);
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(grad[k]! - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      });
    },
  );

  it("is the sum of each customer's likelihood (one customer by hand)", { timeout: 120_000 }, () => {
    // x = 2, tx = 30.43, T = 38.86 at the CDNOW estimates, worked out term by term (ln Γ from tables).
    const one = { frequency: Float64Array.of(2), recency: Float64Array.of(30.43), T: Float64Array.of(38.86) };
    const { r, alpha, a, b } = cdnow;
    const lgamma = (z: number) => {
      // Stirling with 8 terms after shifting z above 10: independent of the library under test.
      let shift = 0;
      while (z < 10) {
        shift -= Math.log(z);
        z += 1;
      }
      return shift + (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * z) - 1 / (360 * z ** 3) + 1 / (1260 * z ** 5);
    };
    const x = 2;
    const expected =
      lgamma(r + x) -
      lgamma(r) +
      r * Math.log(alpha) +
      lgamma(a + b) +
      lgamma(b + x) -
      lgamma(b) -
      lgamma(a + b + x) +
      Math.log(Math.pow(alpha + 38.86, -(r + x)) + (a / (b + x - 1)) * Math.pow(alpha + 30.43, -(r + x)));
    expect(bgnbdLogLikelihood(cdnow, one)).toBeCloseTo(expected, 8);
  });
});

describe("BG/NBD fit", () => {
  it("recovers the parameters of simulated customers", { timeout: 120_000 }, () => {
    const data = simulateBgnbd({ params: cdnow, customers: 40_000, minT: 27, maxT: 39, seed: 11 });
    const fit = fitBgnbd(data);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.r / cdnow.r - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.alpha / cdnow.alpha - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.a / cdnow.a - 1)).toBeLessThan(0.25);
    expect(Math.abs(fit.b / cdnow.b - 1)).toBeLessThan(0.3);
    // The optimum: no parameter nudge improves the likelihood.
    for (const name of names)
      for (const f of [0.99, 1.01])
        expect(bgnbdLogLikelihood({ ...fit, [name]: fit[name] * f }, data)).toBeLessThan(fit.logLikelihood + 1e-6);
  });

  it("predicts holdout purchases of simulated customers on average", { timeout: 120_000 }, () => {
    const data = simulateBgnbd({ params: cdnow, customers: 20_000, minT: 27, maxT: 39, seed: 5, holdoutDays: 39 });
    const fit = fitBgnbd(data);
    let predicted = 0;
    let actual = 0;
    for (let i = 0; i < data.T.length; i++) {
      predicted += bgnbdExpectedPurchases(fit, 39, data.frequency[i]!, data.recency[i]!, data.T[i]!);
      actual += data.holdoutPurchases[i]!;
    }
    expect(Math.abs(predicted / actual - 1)).toBeLessThan(0.05);
  });

  it("P(alive) is 1 without repeat purchases and falls with time since the last purchase", { timeout: 120_000 }, () => {
    expect(bgnbdProbabilityAlive(cdnow, 0, 0, 30)).toBe(1);
    const recent = bgnbdProbabilityAlive(cdnow, 3, 29, 30);
    const long = bgnbdProbabilityAlive(cdnow, 3, 5, 30);
    expect(recent).toBeGreaterThan(long);
    expect(long).toBeGreaterThan(0);
  });
});
