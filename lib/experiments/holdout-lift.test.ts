import { describe, expect, it } from "vitest";
import { holdoutLift } from "./holdout-lift";

describe("holdoutLift", () => {
  it("computes the lift on a constructed example", () => {
    // 10,000 emailed, 600 bought (6 %); 1,000 held out, 40 bought anyway (4 %).
    const lift = holdoutLift({ treated: { successes: 600, trials: 10_000 }, holdout: { successes: 40, trials: 1000 } });
    expect(lift.treatedRate).toBe(0.06);
    expect(lift.holdoutRate).toBe(0.04);
    expect(lift.absoluteLift).toBeCloseTo(0.02, 12);
    expect(lift.relativeLift).toBeCloseTo(0.5, 12);
    // 2 points of 10,000 = 200 purchases the email caused (600 − 10,000 × 4 %).
    expect(lift.incrementalConversions).toBeCloseTo(200, 8);
    expect(lift.lower).toBeGreaterThan(0);
    expect(lift.lower).toBeLessThan(0.02);
    expect(lift.upper).toBeGreaterThan(0.02);
    expect(lift.pValue).toBeLessThan(0.01);
  });

  it("has no relative lift when the holdout did nothing, and a negative lift when the email hurt", () => {
    expect(holdoutLift({ treated: { successes: 5, trials: 100 }, holdout: { successes: 0, trials: 100 } }).relativeLift).toBeNull();
    const hurt = holdoutLift({ treated: { successes: 30, trials: 1000 }, holdout: { successes: 50, trials: 1000 } });
    expect(hurt.relativeLift).toBeCloseTo(-0.4, 12);
    expect(hurt.incrementalConversions).toBeCloseTo(-20, 8);
  });
});
