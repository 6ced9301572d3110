import { columnScales, sigmoid, standardize, type FeatureMatrix, type LabelledData } from "./dataset";
import { minimizeBfgs } from "./minimize-bfgs";

export interface LogisticModel {
  kind: "logistic_regression";
  /** Coefficients on standardized features (so that their sizes compare), and the intercept. */
  coefficients: number[];
  intercept: number;
  mean: number[];
  scale: number[];
  names: string[];
  iterations: number;
}

/**
 * L2-regularized logistic regression on standardized features, minimizing
 * C · Σ logloss + ½‖w‖² (the intercept unpenalized) by BFGS: the objective of scikit-learn's
 * LogisticRegression with its defaults (C = 1, lbfgs) applied to StandardScaler's output.
 */
export function fitLogisticRegression(data: LabelledData, options: { C?: number } = {}): LogisticModel {
  const C = options.C ?? 1;
  const { mean, scale } = columnScales(data.x);
  const x = standardize(data.x, { mean, scale });
  const { rows: n, cols: d, values } = x;
  const z = new Float64Array(n);
  const result = minimizeBfgs(
    (w, grad) => {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        let s = w[d]!;
        for (let j = 0; j < d; j++) s += w[j]! * values[i * d + j]!;
        z[i] = s;
        // logloss = log(1 + e^s) − y s, computed stably.
        loss += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - data.y[i]! * s;
        const r = sigmoid(s) - data.y[i]!;
        for (let j = 0; j < d; j++) grad[j]! += C * r * values[i * d + j]!;
        grad[d]! += C * r;
      }
      let penalty = 0;
      for (let j = 0; j < d; j++) {
        penalty += 0.5 * w[j]! * w[j]!;
        grad[j]! += w[j]!;
      }
      return C * loss + penalty;
    },
    new Float64Array(d + 1),
    { gradientTolerance: 1e-4 * Math.max(1, C * n) * 1e-3, valueTolerance: 1e-12, maxIterations: 500 },
  );
  return {
    kind: "logistic_regression",
    coefficients: Array.from(result.x.subarray(0, d)),
    intercept: result.x[d]!,
    mean: Array.from(mean),
    scale: Array.from(scale),
    names: [...x.names],
    iterations: result.iterations,
  };
}

/** P(y = 1) for each row. */
export function predictLogistic(model: LogisticModel, x: FeatureMatrix): Float64Array {
  const out = new Float64Array(x.rows);
  const d = x.cols;
  for (let i = 0; i < x.rows; i++) {
    let s = model.intercept;
    for (let j = 0; j < d; j++) s += (model.coefficients[j]! * (x.values[i * d + j]! - model.mean[j]!)) / model.scale[j]!;
    out[i] = sigmoid(s);
  }
  return out;
}

/** Each feature's share of the absolute standardized coefficients. */
export function logisticImportance(model: LogisticModel): { feature: string; importance: number }[] {
  const total = model.coefficients.reduce((s, c) => s + Math.abs(c), 0) || 1;
  return model.names.map((feature, j) => ({ feature, importance: Math.abs(model.coefficients[j]!) / total }));
}
