import { describe, expect, it } from "vitest";
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood, type GammaGammaParams } from "./gamma-gamma";
import { simulateBgnbd } from "./simulate-bgnbd";

// Fader, Hardie & Lee (2005) report p = 6.25, q = 3.74, v = 15.44 for CDNOW.
const published: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };

function repeatCustomers(seed: number, customers: number) {
  const sim = simulateBgnbd({ params: { r: 0.9, alpha: 4, a: 0.8, b: 2.4 }, customers, minT: 27, maxT: 39, seed, spend: published });
  const keep = Array.from(sim.frequency.keys()).filter((i) => sim.frequency[i]! > 0);
  return { frequency: Float64Array.from(keep, (i) => sim.frequency[i]!), monetary: Float64Array.from(keep, (i) => sim.monetary[i]!) };
}

describe("Gamma-Gamma", () => {
  const small = repeatCustomers(3, 600);

  it.each([published, { p: 1.5, q: 9, v: 80 }, { p: 20, q: 1.2, v: 2 }])("gradient matches central finite differences at %o", (params) => {
    const grad = new Float64Array(3);
    gammaGammaLogLikelihood(params, small, grad);
    (["p", "q", "v"] as const).forEach((name, k) => {
      const h = 1e-6 * params[name];
      const numeric =
        (gammaGammaLogLikelihood({ ...params, [name]: params[name] + h }, small) -
          gammaGammaLogLikelihood({ ...params, [name]: params[name] - h }, small)) /
        (2 * h);
      expect(Math.abs(grad[k]! - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
    });
  });

  it("recovers the parameters of simulated spend", { timeout: 120_000 }, () => {
    const fit = fitGammaGamma(repeatCustomers(9, 60_000));
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.p / published.p - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.q / published.q - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.v / published.v - 1)).toBeLessThan(0.2);
  });

  it("shrinks a customer's average toward the population mean, less so with more purchases", { timeout: 120_000 }, () => {
    const mean = (published.p * published.v) / (published.q - 1);
    const one = gammaGammaExpectedSpend(published, 1, 100);
    const many = gammaGammaExpectedSpend(published, 20, 100);
    expect(one).toBeGreaterThan(mean);
    expect(one).toBeLessThan(100);
    expect(many).toBeGreaterThan(one);
    expect(gammaGammaExpectedSpend(published, 0, 0)).toBeCloseTo(mean, 10);
  });

  it("refuses customers without a repeat purchase or a positive spend, naming the row", { timeout: 120_000 }, () => {
    expect(() => fitGammaGamma({ frequency: Float64Array.of(2, 0), monetary: Float64Array.of(10, 5) })).toThrow(/row 1/);
  });
});
