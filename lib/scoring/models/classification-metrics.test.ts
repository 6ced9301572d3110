import { describe, expect, it } from "vitest";
import { brierScore, calibrationCurve, liftByDecile, rocAuc, thresholdMetrics } from "./classification-metrics";

describe("rocAuc", () => {
  it("counts the pairs ranked right, by hand", () => {
    // Positives 0.9, 0.4; negatives 0.8, 0.3, 0.1: pairs (0.9 > all 3) + (0.4 > 0.3, 0.1) = 5 of 6.
    expect(rocAuc([0.9, 0.8, 0.4, 0.3, 0.1], [1, 0, 1, 0, 0])).toBeCloseTo(5 / 6, 12);
  });
  it("counts ties as half", () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
    // One positive tied with one of two negatives, above the other: (0.5 + 1) / 2.
    expect(rocAuc([0.7, 0.7, 0.2], [1, 0, 0])).toBe(0.75);
  });
  it("is 1 for a perfect ranking, 0 for a reversed one, NaN with one class", () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe("thresholdMetrics", () => {
  it("computes precision and recall at the threshold, by hand", () => {
    const m = thresholdMetrics([0.9, 0.8, 0.6, 0.4, 0.2], [1, 0, 1, 1, 0], 0.5);
    expect(m).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1, trueNegatives: 1 });
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.accuracy).toBeCloseTo(3 / 5, 12);
  });
});

describe("calibrationCurve", () => {
  it("bins predictions and compares them with observed rates, by hand", () => {
    const bins = calibrationCurve([0.05, 0.15, 0.12, 0.95, 0.91, 1], [0, 1, 0, 1, 1, 0], 10);
    expect(bins).toEqual([
      { from: 0, to: 0.1, count: 1, meanPredicted: 0.05, observedRate: 0 },
      { from: 0.1, to: 0.2, count: 2, meanPredicted: expect.closeTo(0.135, 12), observedRate: 0.5 },
      { from: 0.9, to: 1, count: 3, meanPredicted: expect.closeTo(2.86 / 3, 12), observedRate: expect.closeTo(2 / 3, 12) },
    ]);
    expect(brierScore([1, 0], [1, 1])).toBe(0.5);
  });
});

describe("liftByDecile", () => {
  it("puts the best-scored tenth first with its rate over the overall rate", () => {
    const scores = Array.from({ length: 100 }, (_, i) => 1 - i / 100);
    const labels = scores.map((_, i) => (i < 10 || i === 50 ? 1 : 0)); // the top ten all positive, one more in the middle
    const lift = liftByDecile(scores, labels);
    expect(lift[0]!).toEqual({ decile: 1, count: 10, rate: 1, lift: 1 / 0.11, cumulativeCapture: 10 / 11 });
    expect(lift[5]!.rate).toBe(0.1);
    expect(lift[9]!.cumulativeCapture).toBe(1);
  });
});
