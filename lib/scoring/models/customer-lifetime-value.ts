import { bgnbdExpectedPurchases, type BgnbdParams } from "./bgnbd";

/**
 * Discounted lifetime value over `months` months: Σᵢ (E[Y(30i)] − E[Y(30(i−1))]) · spend / (1 + d)ⁱ,
 * with d the monthly discount rate and E[Y] BG/NBD's conditional expected purchases (days).
 */
export function customerLifetimeValue(options: {
  bgnbd: BgnbdParams;
  x: number;
  tx: number;
  T: number;
  expectedSpend: number;
  months: number;
  monthlyDiscountRate: number;
  daysPerMonth?: number;
}): number {
  const days = options.daysPerMonth ?? 30;
  let value = 0;
  let previous = 0;
  for (let i = 1; i <= options.months; i++) {
    const cumulative = bgnbdExpectedPurchases(options.bgnbd, days * i, options.x, options.tx, options.T);
    value += ((cumulative - previous) * options.expectedSpend) / Math.pow(1 + options.monthlyDiscountRate, i);
    previous = cumulative;
  }
  return value;
}
