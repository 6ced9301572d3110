import { digamma, gammaln } from "./special";
import { indexFrequencies } from "./bgnbd";
import { minimizeBfgs, type MaximumLikelihoodFit } from "./minimize-bfgs";

/** Repeat customers only: frequency x > 0 and their average spend per repeat purchase m > 0. */
export interface SpendSummary {
  frequency: Float64Array;
  monetary: Float64Array;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/**
 * The Gamma-Gamma log-likelihood summed over customers (Fader, Hardie & Lee 2005, "RFM and CLV",
 * with the Jacobian term of the average so that ℓ is the density of m̄):
 * ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(xm + v).
 * When `grad` is given, ∂ℓ/∂(p, q, v) is written into it.
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  data: SpendSummary,
  grad?: Float64Array,
  index = indexFrequencies(data.frequency),
): number {
  const { p, q, v } = params;
  const k = index.values.length;
  const constant = new Float64Array(k);
  const dConstP = new Float64Array(k);
  const dConstQ = new Float64Array(k);
  const lnV = Math.log(v);
  const gQ = gammaln(q);
  const psiQ = digamma(q);
  for (let j = 0; j < k; j++) {
    const x = index.values[j]!;
    constant[j] = gammaln(p * x + q) - gammaln(p * x) - gQ + q * lnV + p * x * Math.log(x);
    if (grad) {
      const psiPXQ = digamma(p * x + q);
      dConstP[j] = x * (psiPXQ - digamma(p * x) + Math.log(x));
      dConstQ[j] = psiPXQ - psiQ + lnV;
    }
  }
  let total = 0;
  let gp = 0;
  let gq = 0;
  let gv = 0;
  const { frequency, monetary } = data;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    const m = monetary[i]!;
    const j = index.of[i]!;
    const lnM = Math.log(m);
    const lnXMV = Math.log(x * m + v);
    total += constant[j]! + (p * x - 1) * lnM - (p * x + q) * lnXMV;
    if (grad) {
      gp += dConstP[j]! + x * lnM - x * lnXMV;
      gq += dConstQ[j]! - lnXMV;
      gv += q / v - (p * x + q) / (x * m + v);
    }
  }
  grad?.set([gp, gq, gv]);
  return total;
}

export interface GammaGammaFit extends GammaGammaParams, MaximumLikelihoodFit {}

/** Maximum likelihood estimates of (p, q, v), optimized over their logarithms. */
export function fitGammaGamma(data: SpendSummary, start?: GammaGammaParams): GammaGammaFit {
  const n = data.frequency.length;
  if (n === 0) throw new Error("Gamma-Gamma needs at least one repeat customer with a positive spend.");
  for (let i = 0; i < n; i++)
    if (!(data.frequency[i]! > 0 && data.monetary[i]! > 0))
      throw new Error(
        `Gamma-Gamma takes repeat customers with a positive average spend only (row ${i}: x=${data.frequency[i]!}, m=${data.monetary[i]!}).`,
      );
  let meanM = 0;
  for (let i = 0; i < n; i++) meanM += data.monetary[i]! / n;
  const s = start ?? { p: 1, q: 1, v: meanM };
  const index = indexFrequencies(data.frequency);
  const g = new Float64Array(3);
  const result = minimizeBfgs(
    (theta, grad) => {
      const params = { p: Math.exp(theta[0]!), q: Math.exp(theta[1]!), v: Math.exp(theta[2]!) };
      const ll = gammaGammaLogLikelihood(params, data, g, index);
      grad[0] = (-g[0]! * params.p) / n;
      grad[1] = (-g[1]! * params.q) / n;
      grad[2] = (-g[2]! * params.v) / n;
      return -ll / n;
    },
    [s.p, s.q, s.v].map(Math.log),
    { gradientTolerance: 1e-7, valueTolerance: 1e-14, maxIterations: 1000 },
  );
  const [p, q, v] = Array.from(result.x, Math.exp) as [number, number, number];
  return { p, q, v, logLikelihood: -result.value * n, iterations: result.iterations, converged: result.converged };
}

/** E[M | p, q, v, x, m̄]: expected spend per purchase, shrunk toward the population mean pv/(q−1). */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  if (x <= 0 || !(m > 0)) return q > 1 ? (p * v) / (q - 1) : NaN;
  return (p * (v + x * m)) / (p * x + q - 1);
}
