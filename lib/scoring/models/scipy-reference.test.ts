import { describe, expect, it } from "vitest";
import { pythonHas, runPython } from "@/test/python-reference";
import { syntheticClassification } from "./synthetic-classification";
import { bgnbdExpectedPurchases, fitBgnbd } from "./bgnbd";
import { columnScales, standardize, type FeatureMatrix, type LabelledData } from "./dataset";
import { fitGammaGamma } from "./gamma-gamma";
import { fitHistGradientBoosting, predictBoosting } from "./hist-gradient-boosting";
import { fitLogisticRegression, predictLogistic } from "./logistic-regression";
import { rocAuc } from "./classification-metrics";
import { simulateBgnbd } from "./simulate-bgnbd";
import { readFileSync } from "node:fs";
import path from "node:path";

const script = readFileSync(path.resolve(import.meta.dirname, "../../../scripts/sklearn/reference_scoring.py"), "utf8");
const haveSklearn = pythonHas("sklearn.ensemble") && pythonHas("scipy.special");

function toRows(x: FeatureMatrix): number[][] {
  return Array.from({ length: x.rows }, (_, i) => Array.from(x.values.subarray(i * x.cols, (i + 1) * x.cols)));
}

describe.skipIf(!haveSklearn)("against SciPy and scikit-learn", () => {
  it("BG/NBD: the same maximum and the same conditional expectations as an independent SciPy fit", { timeout: 120_000 }, () => {
    const sim = simulateBgnbd({ params: { r: 0.6, alpha: 9, a: 0.9, b: 3 }, customers: 3000, minT: 30, maxT: 330, seed: 21 });
    const ours = fitBgnbd(sim);
    const ref = runPython<{ r: number; alpha: number; a: number; b: number; log_likelihood: number; expected: number[] }>(script, {
      task: "bgnbd",
      frequency: Array.from(sim.frequency),
      recency: Array.from(sim.recency),
      T: Array.from(sim.T),
      predict: { t: 90, params: ours },
    });
    expect(ours.logLikelihood).toBeGreaterThanOrEqual(ref.log_likelihood - 1e-4);
    for (const k of ["r", "alpha", "a", "b"] as const) expect(Math.abs(ours[k] / ref[k] - 1)).toBeLessThan(2e-3);
    ref.expected.forEach((e, i) =>
      expect(bgnbdExpectedPurchases(ours, 90, sim.frequency[i]!, sim.recency[i]!, sim.T[i]!)).toBeCloseTo(e, 8),
    );
  });

  it("Gamma-Gamma: the same maximum as SciPy", { timeout: 120_000 }, () => {
    const sim = simulateBgnbd({
      params: { r: 2, alpha: 9, a: 0.9, b: 3 },
      customers: 3000,
      minT: 60,
      maxT: 330,
      seed: 4,
      spend: { p: 6.25, q: 3.74, v: 15.44 },
    });
    const keep = Array.from(sim.frequency.keys()).filter((i) => sim.frequency[i]! > 0);
    const data = {
      frequency: Float64Array.from(keep, (i) => sim.frequency[i]!),
      monetary: Float64Array.from(keep, (i) => sim.monetary[i]!),
    };
    const ours = fitGammaGamma(data);
    const ref = runPython<{ p: number; q: number; v: number; log_likelihood: number }>(script, {
      task: "gamma_gamma",
      frequency: Array.from(data.frequency),
      monetary: Array.from(data.monetary),
    });
    expect(ours.logLikelihood).toBeGreaterThanOrEqual(ref.log_likelihood - 1e-4);
    for (const k of ["p", "q", "v"] as const) expect(Math.abs(ours[k] / ref[k] - 1)).toBeLessThan(5e-3);
  });

  it(
    "logistic regression and boosted trees: AUCs within 0.01 of LogisticRegression and HistGradientBoostingClassifier",
    { timeout: 120_000 },
    () => {
      const all = syntheticClassification(30_000, 99);
      const split = 22_000;
      const slice = (from: number, to: number): LabelledData => ({
        x: { ...all.x, rows: to - from, values: all.x.values.slice(from * all.x.cols, to * all.x.cols) },
        y: all.y.slice(from, to),
      });
      const train = slice(0, split);
      const test = slice(split, all.x.rows);
      const scales = columnScales(train.x);
      const ref = runPython<{ logistic_auc: number; logistic_coefficients: number[]; boosting_auc: number }>(script, {
        task: "classifiers",
        train: { x: toRows(standardize(train.x, scales)), y: Array.from(train.y) },
        test: { x: toRows(standardize(test.x, scales)), y: Array.from(test.y) },
      });
      const logistic = fitLogisticRegression(train);
      const boosting = fitHistGradientBoosting(train);
      const logisticAuc = rocAuc(predictLogistic(logistic, test.x), test.y);
      const boostingAuc = rocAuc(predictBoosting(boosting, test.x), test.y);
      expect(Math.abs(logisticAuc - ref.logistic_auc)).toBeLessThan(0.002);
      logistic.coefficients.forEach((c, j) => expect(c).toBeCloseTo(ref.logistic_coefficients[j]!, 2));
      expect(Math.abs(boostingAuc - ref.boosting_auc)).toBeLessThan(0.01);
      expect(boostingAuc).toBeGreaterThan(logisticAuc); // the interaction is there to be found
    },
  );
});
