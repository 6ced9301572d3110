import { ClusteringInputError, type Matrix } from "./matrix";
import { pca, projectRows } from "./pca";

export type MissingPolicy = "drop" | "median" | "mean" | "zero";
export type Scaling = "zscore" | "minmax" | "none";

export interface PreprocessInput {
  columns: { key: string; skewed?: boolean }[];
  /** rows × cols, row-major; NaN = missing. */
  values: Float64Array;
  rows: number;
}

export interface PreprocessOptions {
  missing: MissingPolicy;
  /** log1p(max(x, 0)): true = on the columns marked skewed, or the listed keys. */
  log: boolean | string[];
  scaling: Scaling;
  /** Number of principal components to keep (none when absent). */
  pca?: number;
}

/**
 * Everything needed to transform one more customer the same way (JSON-serializable). Per column:
 *   x := isNaN(x) ? fill : x            (fill null with missing = "drop": the row is left out)
 *   x := log ? log1p(max(x, 0)) : x
 *   x := (x − centre) / scale
 * then, with PCA: y_c = Σ_j (x_j − pca.mean_j) · pca.components[c][j].
 */
export interface PreprocessModel {
  version: 1;
  missing: MissingPolicy;
  scaling: Scaling;
  columns: { key: string; fill: number | null; log: boolean; clipped: number; centre: number; scale: number }[];
  pca: { mean: number[]; components: number[][]; explainedVarianceRatio: number[] } | null;
}

export interface PreprocessResult {
  matrix: Matrix;
  /** Indices of the input rows kept (all of them unless missing = "drop"). */
  keptRows: Int32Array;
  model: PreprocessModel;
  report: { clipped: Record<string, number>; dropped: number; explainedVariance?: number[] };
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** log1p after clipping at 0 (values ≤ 0 become 0). */
export const logTransform = (x: number) => Math.log1p(x > 0 ? x : 0);

/**
 * Missing values, log transform, scaling and optional PCA, in that order. Throws a
 * ClusteringInputError naming the feature when one has only missing values or no variance.
 * z-score uses the population standard deviation (as scikit-learn's StandardScaler).
 */
export function preprocess(input: PreprocessInput, options: PreprocessOptions): PreprocessResult {
  const { columns, values, rows } = input;
  const d = columns.length;
  if (d === 0) throw new ClusteringInputError("features", "Choose at least one feature.");
  if (values.length !== rows * d) throw new ClusteringInputError("features", `Expected ${rows} × ${d} values, got ${values.length}.`);
  const keys = new Set(columns.map((c) => c.key));
  if (Array.isArray(options.log)) {
    const unknown = options.log.filter((k) => !keys.has(k));
    if (unknown.length) throw new ClusteringInputError("log", `Log transform asked for unknown feature(s): ${unknown.join(", ")}.`);
  }
  const logged = columns.map((c) => (options.log === true ? !!c.skewed : Array.isArray(options.log) ? options.log.includes(c.key) : false));

  const present = new Float64Array(rows);
  for (let j = 0; j < d; j++) {
    const col = new Float64Array(rows);
    let n = 0;
    for (let i = 0; i < rows; i++) {
      const x = values[i * d + j]!;
      if (!Number.isNaN(x)) {
        if (!Number.isFinite(x))
          throw new ClusteringInputError(columns[j]!.key, `Feature “${columns[j]!.key}” has an infinite value in row ${i + 1}.`);
        col[n++] = x;
      }
    }
    if (n === 0)
      throw new ClusteringInputError(
        columns[j]!.key,
        `Feature “${columns[j]!.key}” has only missing values for this population: remove it or choose another population.`,
      );
    present[j] = n;
  }

  // Missing values: rows kept and per-column fill values (in raw units).
  let kept: number[] = [];
  const fills: (number | null)[] = columns.map(() => null);
  if (options.missing === "drop") {
    for (let i = 0; i < rows; i++) {
      let ok = true;
      for (let j = 0; j < d && ok; j++) ok = !Number.isNaN(values[i * d + j]!);
      if (ok) kept.push(i);
    }
  } else {
    kept = Array.from({ length: rows }, (_, i) => i);
    for (let j = 0; j < d; j++) {
      const col: number[] = [];
      for (let i = 0; i < rows; i++) if (!Number.isNaN(values[i * d + j]!)) col.push(values[i * d + j]!);
      fills[j] =
        options.missing === "zero"
          ? 0
          : options.missing === "mean"
            ? col.reduce((s, x) => s + x, 0) / col.length
            : median(Float64Array.from(col).sort());
    }
  }
  if (kept.length === 0)
    throw new ClusteringInputError(
      "missing",
      "Every customer has a missing value in at least one feature: choose a fill policy (median, mean or zero) instead of dropping.",
    );

  const n = kept.length;
  const out = new Float64Array(n * d);
  const model: PreprocessModel = { version: 1, missing: options.missing, scaling: options.scaling, columns: [], pca: null };
  const clipped: Record<string, number> = {};
  for (let j = 0; j < d; j++) {
    const key = columns[j]!.key;
    let clip = 0;
    for (let r = 0; r < n; r++) {
      let x = values[kept[r]! * d + j]!;
      if (Number.isNaN(x)) x = fills[j]!;
      if (logged[j]) {
        if (x < 0) clip++;
        x = logTransform(x);
      }
      out[r * d + j] = x;
    }
    let centre = 0;
    let scale = 1;
    let min = Infinity;
    let max = -Infinity;
    let mean = 0;
    for (let r = 0; r < n; r++) {
      const x = out[r * d + j]!;
      mean += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    mean /= n;
    if (max === min) {
      throw new ClusteringInputError(
        key,
        `Feature “${key}” has the same value (${min}) for every customer here, so it cannot separate clusters: remove it.`,
      );
    }
    if (options.scaling === "zscore") {
      let v = 0;
      for (let r = 0; r < n; r++) v += (out[r * d + j]! - mean) ** 2;
      centre = mean;
      scale = Math.sqrt(v / n);
    } else if (options.scaling === "minmax") {
      centre = min;
      scale = max - min;
    }
    if (centre !== 0 || scale !== 1) for (let r = 0; r < n; r++) out[r * d + j] = (out[r * d + j]! - centre) / scale;
    if (logged[j]) clipped[key] = clip;
    model.columns.push({ key, fill: fills[j]!, log: logged[j]!, clipped: clip, centre, scale });
  }

  let matrix: Matrix = { rows: n, cols: d, data: out };
  const report: PreprocessResult["report"] = { clipped, dropped: rows - n };
  if (options.pca !== undefined) {
    const p = pca(matrix, options.pca);
    matrix = p.project(matrix);
    model.pca = {
      mean: Array.from(p.mean),
      components: Array.from({ length: options.pca }, (_, c) => Array.from(p.components.subarray(c * d, (c + 1) * d))),
      explainedVarianceRatio: Array.from(p.explainedVarianceRatio),
    };
    report.explainedVariance = Array.from(p.explainedVarianceRatio);
  }
  return { matrix, keptRows: Int32Array.from(kept), model, report };
}

/**
 * The stored transform applied to one customer's raw feature values (in the model's column order).
 * With missing = "drop", a row with a missing value maps to NaNs (it belongs to no cluster).
 */
export function applyPreprocess(model: PreprocessModel, row: Float64Array | number[]): Float64Array {
  const d = model.columns.length;
  if (row.length !== d) throw new ClusteringInputError("features", `Expected ${d} feature values, got ${row.length}.`);
  const x = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const c = model.columns[j]!;
    let v = row[j]!;
    if (Number.isNaN(v)) v = c.fill ?? NaN;
    if (Number.isNaN(v)) return new Float64Array(model.pca ? model.pca.components.length : d).fill(NaN);
    if (c.log) v = logTransform(v);
    x[j] = (v - c.centre) / c.scale;
  }
  if (!model.pca) return x;
  const comps = model.pca.components;
  return projectRows({ rows: 1, cols: d, data: x }, model.pca.mean, comps.flat(), comps.length).data;
}
