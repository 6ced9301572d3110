import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CDNOW_CUSTOMERS_CSV } from "../../../test/cdnow-file";
import { fitBgnbd } from "./bgnbd";

/** "ID x t_x T" rows separated by spaces (the lifetimes package's cdnow_customers.csv). */
function readCdnow(file: string) {
  const rows = readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells.length === 4 && /^\d+$/.test(cells[0]!));
  return {
    frequency: Float64Array.from(rows, (r) => Number(r[1])),
    recency: Float64Array.from(rows, (r) => Number(r[2])),
    T: Float64Array.from(rows, (r) => Number(r[3])),
  };
}

/**
 * The published BG/NBD fit (Fader, Hardie & Lee 2005, "Counting your customers the easy way", and
 * the lifetimes package's test of the same data): r = 0.243, α = 4.414, a = 0.793, b = 2.426 (time
 * in weeks), log-likelihood −9582.4.
 */
describe.skipIf(!existsSync(CDNOW_CUSTOMERS_CSV))(`BG/NBD on the CDNOW summary (${CDNOW_CUSTOMERS_CSV})`, () => {
  it("reproduces the published parameters and log-likelihood", () => {
    const data = readCdnow(CDNOW_CUSTOMERS_CSV);
    expect(data.frequency.length).toBe(2357);
    const fit = fitBgnbd(data);
    expect(fit.converged).toBe(true);
    expect(fit.r).toBeCloseTo(0.243, 2);
    expect(fit.alpha).toBeCloseTo(4.414, 2);
    expect(fit.a).toBeCloseTo(0.793, 2);
    expect(fit.b).toBeCloseTo(2.426, 2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 0);
  });
});
