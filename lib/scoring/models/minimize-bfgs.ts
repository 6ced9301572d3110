/** An objective for minimizeBfgs: returns f(x) and writes ∂f/∂x into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface BfgsResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

/** What a maximum-likelihood fit reports beside its parameters. */
export interface MaximumLikelihoodFit {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

export interface BfgsOptions {
  /** Stop when every |∂f/∂xᵢ| is below this. */
  gradientTolerance?: number;
  /** Stop when f improves by less than this, relative to max(|f|, 1). */
  valueTolerance?: number;
  maxIterations?: number;
}

/**
 * Quasi-Newton minimization (BFGS with an inverse-Hessian update and a backtracking line search
 * under the Armijo condition; the update is skipped when the curvature condition fails). Meant for
 * the few parameters of a likelihood (BG/NBD, Gamma-Gamma) or a logistic regression's weights.
 */
export function minimizeBfgs(f: Objective, start: ArrayLike<number>, options: BfgsOptions = {}): BfgsResult {
  const n = start.length;
  const gtol = options.gradientTolerance ?? 1e-6;
  const ftol = options.valueTolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 500;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let value = f(x, g);
  let evaluations = 1;
  if (!Number.isFinite(value)) throw new Error("The objective is not finite at the starting point.");
  const h = identity(n);
  const direction = new Float64Array(n);
  let xNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  let iterations = 0;
  let converged = maxAbs(g) < gtol;
  let firstStep = true;
  while (!converged && iterations < maxIterations) {
    iterations++;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < n; j++) d -= h[i * n + j]! * g[j]!;
      direction[i] = d;
    }
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      resetIdentity(h, n);
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = -dot(g, g);
    }
    // The first step is scaled so that it moves by at most 1 in any coordinate.
    let step = firstStep ? Math.min(1, 1 / Math.max(maxAbs(direction), 1e-300)) : 1;
    let nextValue = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) xNext[i] = x[i]! + step * direction[i]!;
      nextValue = f(xNext, gNext);
      evaluations++;
      if (Number.isFinite(nextValue) && nextValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
      nextValue = Infinity;
    }
    if (!Number.isFinite(nextValue)) break; // no decrease found along the direction
    firstStep = false;
    for (let i = 0; i < n; i++) {
      s[i] = xNext[i]! - x[i]!;
      y[i] = gNext[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += h[i * n + j]! * y[j]!;
        hy[i] = v;
      }
      const yhy = dot(y, hy);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) h[i * n + j]! += -rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
    }
    const improvement = value - nextValue;
    [x, xNext] = [xNext, x];
    [g, gNext] = [gNext, g];
    value = nextValue;
    converged = maxAbs(g) < gtol || improvement <= ftol * Math.max(Math.abs(value), 1);
  }
  return { x, value, gradient: g, iterations, evaluations, converged };
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  resetIdentity(m, n);
  return m;
}

function resetIdentity(m: Float64Array, n: number): void {
  m.fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
