import { ClusteringInputError, type Matrix } from "./matrix";

export interface PcaResult {
  /** Column means (cols). */
  mean: Float64Array;
  /** Principal axes, components × cols row-major, largest variance first. */
  components: Float64Array;
  explainedVariance: Float64Array;
  explainedVarianceRatio: Float64Array;
  project(m: Matrix): Matrix;
}

/** Eigen-decomposition of a symmetric matrix (cyclic Jacobi): values and column eigenvectors. */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const m = a.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => m[i * n + i]!), vectors: v };
}

/** Projects rows onto principal axes: (x − mean) · component. */
export function projectRows(m: Matrix, mean: ArrayLike<number>, components: ArrayLike<number>, count: number): Matrix {
  const out = new Float64Array(m.rows * count);
  for (let i = 0; i < m.rows; i++) {
    for (let c = 0; c < count; c++) {
      let s = 0;
      for (let j = 0; j < m.cols; j++) s += (m.data[i * m.cols + j]! - mean[j]!) * components[c * m.cols + j]!;
      out[i * count + c] = s;
    }
  }
  return { rows: m.rows, cols: count, data: out };
}

/**
 * PCA through the covariance matrix (cols × cols, small here), variance with n − 1 as
 * scikit-learn. Each axis's sign is fixed so that its largest-magnitude loading is positive.
 */
export function pca(m: Matrix, components: number): PcaResult {
  const d = m.cols;
  if (!Number.isInteger(components) || components < 1 || components > d) {
    throw new ClusteringInputError("pca", `PCA components must be between 1 and the number of features (${d}); got ${components}.`);
  }
  if (m.rows < 2) throw new ClusteringInputError("pca", "PCA needs at least 2 customers.");
  const mean = new Float64Array(d);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < d; j++) mean[j]! += m.data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= m.rows;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < d; j++) row[j] = m.data[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[a * d + b]! += row[a]! * row[b]!;
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      cov[a * d + b]! /= m.rows - 1;
      cov[b * d + a] = cov[a * d + b]!;
    }
  }
  const { values, vectors } = symmetricEigen(cov, d);
  const order = [...values.keys()].sort((x, y) => values[y]! - values[x]!);
  const total = values.reduce((s, x) => s + Math.max(x, 0), 0);
  const comp = new Float64Array(components * d);
  const explainedVariance = new Float64Array(components);
  const explainedVarianceRatio = new Float64Array(components);
  order.slice(0, components).forEach((col, c) => {
    let big = 0;
    for (let j = 0; j < d; j++) if (Math.abs(vectors[j * d + col]!) > Math.abs(vectors[big * d + col]!)) big = j;
    const sign = vectors[big * d + col]! < 0 ? -1 : 1;
    for (let j = 0; j < d; j++) comp[c * d + j] = sign * vectors[j * d + col]!;
    explainedVariance[c] = Math.max(values[col]!, 0);
    explainedVarianceRatio[c] = total > 0 ? Math.max(values[col]!, 0) / total : 0;
  });
  return { mean, components: comp, explainedVariance, explainedVarianceRatio, project: (x) => projectRows(x, mean, comp, components) };
}
