import { digamma, gammaln, hyp2f1 } from "./special";
import { minimizeBfgs, type MaximumLikelihoodFit } from "./minimize-bfgs";

/** Each customer's (frequency, recency, T) in days: repeat purchase days, first to last purchase, first purchase to the calibration end. */
export interface RfmSummary {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
}

export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

interface FrequencyIndex {
  /** Distinct frequencies. */
  values: Float64Array;
  /** Position of each customer's frequency in `values`. */
  of: Int32Array;
}

/** Groups customers by frequency, so that the Γ terms (which depend on x alone) are computed once per distinct x. */
export function indexFrequencies(frequency: Float64Array): FrequencyIndex {
  const positions = new Map<number, number>();
  const of = new Int32Array(frequency.length);
  const values: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    let p = positions.get(x);
    if (p === undefined) {
      p = values.length;
      positions.set(x, p);
      values.push(x);
    }
    of[i] = p;
  }
  return { values: Float64Array.from(values), of };
}

/**
 * The BG/NBD log-likelihood summed over customers (Fader, Hardie & Lee 2005, eq. 7):
 * ℓ = lnΓ(r+x) − lnΓ(r) + r ln α + lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 *     + ln[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+tₓ)^−(r+x)].
 * When `grad` is given, ∂ℓ/∂(r, α, a, b) is written into it.
 */
export function bgnbdLogLikelihood(
  p: BgnbdParams,
  data: RfmSummary,
  grad?: Float64Array,
  index = indexFrequencies(data.frequency),
): number {
  const { r, alpha, a, b } = p;
  const k = index.values.length;
  // Terms of x alone: value and their derivatives in r, a, b.
  const constant = new Float64Array(k);
  const dConstR = new Float64Array(k);
  const dConstA = new Float64Array(k);
  const dConstB = new Float64Array(k);
  const lnRatioA = new Float64Array(k); // ln a − ln(b + x − 1) for x > 0
  const gAB = gammaln(a + b) - gammaln(r) - gammaln(b) + r * Math.log(alpha);
  const psiAB = digamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  for (let j = 0; j < k; j++) {
    const x = index.values[j]!;
    constant[j] = gAB + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
    if (grad) {
      const psiABX = digamma(a + b + x);
      dConstR[j] = digamma(r + x) - psiR + Math.log(alpha);
      dConstA[j] = psiAB - psiABX;
      dConstB[j] = psiAB + digamma(b + x) - psiB - psiABX;
    }
    lnRatioA[j] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0;
  }
  let total = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const { frequency, recency, T } = data;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    const j = index.of[i]!;
    const lnAT = Math.log(alpha + T[i]!);
    const a3 = -(r + x) * lnAT;
    let mix: number;
    let w4 = 0;
    let lnAtx = 0;
    if (x > 0) {
      lnAtx = Math.log(alpha + recency[i]!);
      const a4 = lnRatioA[j]! - (r + x) * lnAtx;
      const m = Math.max(a3, a4);
      const e3 = Math.exp(a3 - m);
      const e4 = Math.exp(a4 - m);
      mix = m + Math.log(e3 + e4);
      w4 = e4 / (e3 + e4);
    } else {
      mix = a3;
    }
    total += constant[j]! + mix;
    if (grad) {
      const w3 = 1 - w4;
      gr += dConstR[j]! - w3 * lnAT - w4 * lnAtx;
      gAlpha += r / alpha - w3 * ((r + x) / (alpha + T[i]!)) - (x > 0 ? w4 * ((r + x) / (alpha + recency[i]!)) : 0);
      ga += dConstA[j]! + (x > 0 ? w4 / a : 0);
      gb += dConstB[j]! - (x > 0 ? w4 / (b + x - 1) : 0);
    }
  }
  grad?.set([gr, gAlpha, ga, gb]);
  return total;
}

export interface BgnbdFit extends BgnbdParams, MaximumLikelihoodFit {}

/** Maximum likelihood estimates of (r, α, a, b), optimized over their logarithms (so they stay positive). */
export function fitBgnbd(data: RfmSummary, start?: BgnbdParams): BgnbdFit {
  const n = data.frequency.length;
  if (n === 0) throw new Error("BG/NBD needs at least one customer with a purchase.");
  const index = indexFrequencies(data.frequency);
  const g = new Float64Array(4);
  // α is in days: a tenth of the mean T is a start of the right order of magnitude.
  let meanT = 0;
  for (let i = 0; i < n; i++) meanT += data.T[i]! / n;
  const s = start ?? { r: 1, alpha: Math.max(1, meanT / 10), a: 1, b: 1 };
  const initial = [s.r, s.alpha, s.a, s.b].map(Math.log);
  const result = minimizeBfgs(
    (theta, grad) => {
      const p = { r: Math.exp(theta[0]!), alpha: Math.exp(theta[1]!), a: Math.exp(theta[2]!), b: Math.exp(theta[3]!) };
      const ll = bgnbdLogLikelihood(p, data, g, index);
      grad[0] = (-g[0]! * p.r) / n;
      grad[1] = (-g[1]! * p.alpha) / n;
      grad[2] = (-g[2]! * p.a) / n;
      grad[3] = (-g[3]! * p.b) / n;
      return -ll / n;
    },
    initial,
    { gradientTolerance: 1e-7, valueTolerance: 1e-14, maxIterations: 1000 },
  );
  const [r, alpha, a, b] = Array.from(result.x, Math.exp) as [number, number, number, number];
  return { r, alpha, a, b, logLikelihood: -result.value * n, iterations: result.iterations, converged: result.converged };
}

/** P(alive | x, tₓ, T) (Fader, Hardie & Lee 2005, eq. 11). */
export function bgnbdProbabilityAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const ln = Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return 1 / (1 + Math.exp(ln));
}

/** E[Y(t) | x, tₓ, T]: expected purchases in the next t days (Fader, Hardie & Lee 2005, eq. 10). */
export function bgnbdExpectedPurchases(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const power = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)));
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - power * hyp2f1(r + x, b + x, a + b + x - 1, z));
  const denominator = x > 0 ? 1 + Math.exp(Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))) : 1;
  return numerator / denominator;
}

/** E[X(t)] for a new customer: expected purchases in t days from the first (for the holdout check by calibration frequency). */
export function bgnbdUnconditionalPurchases(p: BgnbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, z));
}
