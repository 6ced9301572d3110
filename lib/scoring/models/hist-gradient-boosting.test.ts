import { describe, expect, it } from "vitest";
import { applyBins, fitBinEdges } from "./bin-features";
import { rocAuc } from "./classification-metrics";
import { fitHistGradientBoosting, predictBoosting, stratifiedSplit } from "./hist-gradient-boosting";
import { syntheticClassification } from "./synthetic-classification";

describe("binning", () => {
  it("uses midpoints between few distinct values and keeps every value's order", () => {
    const x = { rows: 5, cols: 1, values: Float64Array.of(3, 1, 2, 2, 10), names: ["v"] };
    const edges = fitBinEdges(x);
    expect(Array.from(edges[0]!)).toEqual([1.5, 2.5, 6.5]);
    expect(Array.from(applyBins(x, edges).binned)).toEqual([2, 0, 1, 1, 3]);
  });
  it("caps many distinct values at the number of bins", () => {
    const x = { rows: 10_000, cols: 1, values: Float64Array.from({ length: 10_000 }, (_, i) => i * 0.5), names: ["v"] };
    const bins = applyBins(x, fitBinEdges(x, 255));
    expect(Math.max(...bins.binned)).toBe(254);
    expect(bins.binned[0]!).toBe(0);
  });
  it("refuses a value that is not a finite number, naming the feature", () => {
    expect(() => fitBinEdges({ rows: 2, cols: 1, values: Float64Array.of(1, NaN), names: ["recency"] })).toThrow(/recency/);
  });
});

describe("fitHistGradientBoosting", () => {
  it("learns a step function exactly (one split, leaf values by Newton steps)", () => {
    const rows = 200;
    const values = Float64Array.from({ length: rows }, (_, i) => i);
    const y = Uint8Array.from({ length: rows }, (_, i) => (i >= 100 ? 1 : 0));
    const model = fitHistGradientBoosting({ x: { rows, cols: 1, values, names: ["v"] }, y }, { maxIterations: 1 });
    const tree = model.trees[0]!;
    expect(tree.threshold[0]!).toBe(99.5);
    // At p = 0.5 for everyone: G = ±50, H = 25 per side, value = −0.1 · G / H = ∓0.2.
    expect(tree.value[tree.left[0]!]!).toBeCloseTo(-0.2, 12);
    expect(tree.value[tree.right[0]!]!).toBeCloseTo(0.2, 12);
  });

  it("finds an interaction a linear model cannot, and stops early on a validation split", { timeout: 60_000 }, () => {
    const data = syntheticClassification(20_000, 5);
    const model = fitHistGradientBoosting(data);
    expect(model.iterations).toBeLessThanOrEqual(100);
    const auc = rocAuc(predictBoosting(model, data.x), data.y);
    expect(auc).toBeGreaterThan(0.75);
    // The noise column matters least.
    expect(model.importance[5]!).toBe(Math.min(...model.importance));
  });

  it("stops when asked (cancel)", () => {
    const data = syntheticClassification(2_000, 1);
    const model = fitHistGradientBoosting(data, { onIteration: (i) => i < 3 });
    expect(model.iterations).toBe(3);
  });

  it("builds the same trees with histograms split over helper threads as with one thread, bit for bit", { timeout: 120_000 }, () => {
    // Above the size from which threads are used; 3 threads split 6 features unevenly into threads of their own.
    const data = syntheticClassification(60_000, 7);
    const options = { maxIterations: 8, earlyStopping: false };
    const alone = fitHistGradientBoosting(data, { ...options, threads: 1 });
    const shared = fitHistGradientBoosting(data, { ...options, threads: 3 });
    expect(shared).toEqual(alone);
    expect(alone.trees[0]!.left.filter((l) => l >= 0).length).toBe(30); // grown to 31 leaves
  });

  it("splits validation rows keeping the class shares", () => {
    const y = Uint8Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const { train, validation } = stratifiedSplit(y, 0.1, 3);
    expect(validation.length).toBe(100);
    expect(train.length + validation.length).toBe(1000);
    expect(Array.from(validation).filter((i) => y[i]!).length).toBe(25);
  });
});
