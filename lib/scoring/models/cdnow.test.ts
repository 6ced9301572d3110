import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CDNOW_CUSTOMERS_CSV } from "../../../test/cdnow-file";
import { fitBgnbd } from "./bgnbd";
import { fitGammaGamma } from "./gamma-gamma";

/**
 * Rows "ID x t_x T [zbar]", separated by commas or spaces (the fixture's layout, or the lifetimes
 * package's cdnow_customers.csv); the header line is skipped. `monetary` is null without a zbar column.
 */
function readCdnow(file: string) {
  const rows = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((line) => line.trim().split(/[\s,]+/))
    .filter((cells) => (cells.length === 4 || cells.length === 5) && /^\d+$/.test(cells[0]!));
  return {
    frequency: Float64Array.from(rows, (r) => Number(r[1])),
    recency: Float64Array.from(rows, (r) => Number(r[2])),
    T: Float64Array.from(rows, (r) => Number(r[3])),
    monetary: rows.every((r) => r.length === 5) ? Float64Array.from(rows, (r) => Number(r[4])) : null,
  };
}

const data = readCdnow(CDNOW_CUSTOMERS_CSV);

/** Within `slack` of a value published to `decimals` places: half a unit of its last place, plus slack. */
function expectPublished(actual: number, published: number, decimals: number, slack = 0) {
  expect(Math.abs(actual - published)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + slack);
}

describe(`the published CDNOW fits (${CDNOW_CUSTOMERS_CSV})`, () => {
  it("holds the 2,357 customers, 1,411 of them without a repeat purchase, 2,457 repeat purchases in all", () => {
    expect(data.frequency.length).toBe(2357);
    expect(data.frequency.filter((x) => x === 0).length).toBe(1411);
    expect(data.frequency.reduce((sum, x) => sum + x, 0)).toBe(2457);
  });

  /**
   * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"; time in weeks):
   * r = 0.243, α = 4.414, a = 0.793, b = 2.426, log-likelihood −9582.4. An independent SciPy fit of
   * the same file (scripts/sklearn/reference_scoring.py) gives 0.24259, 4.41353, 0.79289, 2.42575
   * and −9582.426.
   */
  it("reproduces the BG/NBD parameters and log-likelihood", () => {
    const fit = fitBgnbd(data);
    expect(fit.converged).toBe(true);
    expectPublished(fit.r, 0.243, 3);
    expectPublished(fit.alpha, 4.414, 3);
    expectPublished(fit.a, 0.793, 3);
    expectPublished(fit.b, 2.426, 3);
    expectPublished(fit.logLikelihood, -9582.4, 1);
  });

  /**
   * Gamma-Gamma on the repeat customers (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie,
   * "The Gamma-Gamma model of monetary value"): p = 6.25, q = 3.74, v = 15.44. The optimum is
   * v = 15.448, so v gets one unit of its last place; SciPy on the same rows: 6.2488, 3.7446, 15.4477.
   */
  it.skipIf(data.monetary === null)("reproduces the Gamma-Gamma parameters on the repeat customers", () => {
    const monetary = data.monetary!;
    const keep = Array.from(data.frequency.keys()).filter((i) => data.frequency[i]! > 0);
    expect(keep.length).toBe(946);
    const fit = fitGammaGamma({
      frequency: Float64Array.from(keep, (i) => data.frequency[i]!),
      monetary: Float64Array.from(keep, (i) => monetary[i]!),
    });
    expect(fit.converged).toBe(true);
    expectPublished(fit.p, 6.25, 2);
    expectPublished(fit.q, 3.74, 2);
    expectPublished(fit.v, 15.44, 2, 0.005);
    expect(fit.logLikelihood).toBeCloseTo(-4055.923, 2);
  });
});
