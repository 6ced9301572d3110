import { describe, expect, it } from "vitest";
import { ClusteringInputError } from "./matrix";
import { applyPreprocess, preprocess } from "./preprocess";

const cols = [{ key: "recency" }, { key: "monetary", skewed: true }];
// rows: [recency, monetary]; NaN = missing
const values = Float64Array.from([10, 100, 20, NaN, NaN, -50, 40, 0]);

describe("preprocess", () => {
  it("fills missing values with the median, clips and logs skewed columns, z-scores with the population σ", () => {
    const r = preprocess({ columns: cols, values, rows: 4 }, { missing: "median", log: true, scaling: "zscore" });
    // recency: median of 10, 20, 40 = 20 → [10, 20, 20, 40]; monetary: median of 100, −50, 0 = 0 → [100, 0, −50 → clipped, 0]
    expect(r.model.columns.map((c) => c.fill)).toEqual([20, 0]);
    expect(r.report).toEqual({ clipped: { monetary: 1 }, dropped: 0 });
    const rec = [10, 20, 20, 40];
    const mean = 22.5;
    const sd = Math.sqrt(rec.reduce((s, x) => s + (x - mean) ** 2, 0) / 4);
    expect(Array.from({ length: 4 }, (_, i) => r.matrix.data[i * 2]!)).toEqual(rec.map((x) => (x - mean) / sd));
    const mon = [Math.log1p(100), 0, 0, 0];
    const mm = mon.reduce((s, x) => s + x, 0) / 4;
    const ms = Math.sqrt(mon.reduce((s, x) => s + (x - mm) ** 2, 0) / 4);
    for (let i = 0; i < 4; i++) expect(r.matrix.data[i * 2 + 1]).toBeCloseTo((mon[i]! - mm) / ms, 12);
    expect(Array.from(r.keptRows)).toEqual([0, 1, 2, 3]);
  });

  it("drops rows with a missing value and reports how many; min-max scales to [0, 1]", () => {
    const r = preprocess({ columns: cols, values, rows: 4 }, { missing: "drop", log: false, scaling: "minmax" });
    expect(Array.from(r.keptRows)).toEqual([0, 3]);
    expect(r.report.dropped).toBe(2);
    expect(Array.from(r.matrix.data)).toEqual([0, 1, 1, 0]);
  });

  it("mean and zero fills; log on listed columns only; no scaling", () => {
    const mean = preprocess({ columns: cols, values, rows: 4 }, { missing: "mean", log: ["recency"], scaling: "none" });
    expect(mean.model.columns.map((c) => [c.fill, c.log])).toEqual([
      [70 / 3, true],
      [50 / 3, false],
    ]);
    expect(mean.matrix.data[4]).toBeCloseTo(Math.log1p(70 / 3), 12);
    const zero = preprocess({ columns: cols, values, rows: 4 }, { missing: "zero", log: false, scaling: "none" });
    expect(Array.from(zero.matrix.data)).toEqual([10, 100, 20, 0, 0, -50, 40, 0]);
  });

  it("applyPreprocess gives each kept row the same values as the batch (with PCA too), and is JSON-safe", () => {
    const rows = 50;
    const v = new Float64Array(rows * 3);
    for (let i = 0; i < rows; i++) v.set([i % 7, (i * 37) % 101, i % 3 === 0 ? NaN : i * i], i * 3);
    const columns = [{ key: "a" }, { key: "b", skewed: true }, { key: "c", skewed: true }];
    for (const pca of [undefined, 2]) {
      const r = preprocess({ columns, values: v, rows }, { missing: "median", log: true, scaling: "zscore", pca });
      const model = JSON.parse(JSON.stringify(r.model));
      for (let i = 0; i < rows; i++) {
        const one = applyPreprocess(model, v.subarray(i * 3, i * 3 + 3));
        for (let c = 0; c < r.matrix.cols; c++) expect(one[c]).toBeCloseTo(r.matrix.data[i * r.matrix.cols + c]!, 10);
      }
    }
    const dropped = preprocess({ columns, values: v, rows }, { missing: "drop", log: true, scaling: "zscore" });
    expect(Array.from(applyPreprocess(dropped.model, [1, 2, NaN])).every(Number.isNaN)).toBe(true);
  });

  it("PCA: points on a line have all their variance on the first component", () => {
    const v = new Float64Array(20 * 2);
    for (let i = 0; i < 20; i++) v.set([i, 2 * i + 1], i * 2);
    const r = preprocess(
      { columns: [{ key: "x" }, { key: "y" }], values: v, rows: 20 },
      { missing: "zero", log: false, scaling: "zscore", pca: 2 },
    );
    expect(r.report.explainedVariance![0]).toBeCloseTo(1, 12);
    expect(r.report.explainedVariance![1]).toBeCloseTo(0, 12);
    expect(Math.abs(r.model.pca!.components[0]![0]!)).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it("names the feature with only missing values, with no variance, or an unknown log column", () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ClusteringInputError);
        return e as ClusteringInputError;
      }
      throw new Error("expected a ClusteringInputError");
    };
    const empty = err(() =>
      preprocess(
        { columns: cols, values: Float64Array.from([1, NaN, 2, NaN]), rows: 2 },
        { missing: "median", log: false, scaling: "zscore" },
      ),
    );
    expect(empty.field).toBe("monetary");
    expect(empty.message).toMatch(/only missing values/);
    const flat = err(() =>
      preprocess(
        { columns: cols, values: Float64Array.from([5, 1, 5, 2, 5, 3]), rows: 3 },
        { missing: "median", log: false, scaling: "zscore" },
      ),
    );
    expect(flat.field).toBe("recency");
    expect(flat.message).toMatch(/same value \(5\)/);
    expect(err(() => preprocess({ columns: cols, values, rows: 4 }, { missing: "median", log: ["nope"], scaling: "zscore" })).field).toBe(
      "log",
    );
    expect(
      err(() => preprocess({ columns: cols, values, rows: 4 }, { missing: "median", log: false, scaling: "zscore", pca: 3 })).field,
    ).toBe("pca");
    expect(
      err(() =>
        preprocess(
          { columns: cols, values: Float64Array.from([1, NaN, NaN, 2]), rows: 2 },
          { missing: "drop", log: false, scaling: "zscore" },
        ),
      ).field,
    ).toBe("missing");
  });
});
