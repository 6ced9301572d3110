/** A feature matrix: `rows × cols` values, row-major, with the features' names. */
export interface FeatureMatrix {
  rows: number;
  cols: number;
  values: Float64Array;
  names: readonly string[];
}

/** A binary classifier's training data: features and labels (1 = the event happened). */
export interface LabelledData {
  x: FeatureMatrix;
  y: Uint8Array;
}

/** The column means and standard deviations (sample sd, 1 when a column is constant). */
export function columnScales(x: FeatureMatrix): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(x.cols);
  const scale = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) mean[j]! += x.values[i * x.cols + j]!;
  for (let j = 0; j < x.cols; j++) mean[j]! /= Math.max(x.rows, 1);
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < x.cols; j++) {
      const d = x.values[i * x.cols + j]! - mean[j]!;
      scale[j]! += d * d;
    }
  for (let j = 0; j < x.cols; j++) {
    const sd = Math.sqrt(scale[j]! / Math.max(x.rows, 1));
    scale[j] = sd > 0 ? sd : 1;
  }
  return { mean, scale };
}

/** (x − mean) / scale per column, as a new matrix. */
export function standardize(x: FeatureMatrix, s: { mean: ArrayLike<number>; scale: ArrayLike<number> }): FeatureMatrix {
  const values = new Float64Array(x.values.length);
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < x.cols; j++) values[i * x.cols + j] = (x.values[i * x.cols + j]! - s.mean[j]!) / s.scale[j]!;
  return { ...x, values };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
