import { openRunner, PAUSE, syncRunner, type KernelRequest, type KernelRunner } from "./kernel-runner";
import type { KernelState } from "./kernels.mjs";
import { abortIfNeeded, ClusteringInputError, requireFinite, squaredDistance, takeRows, type Matrix } from "./matrix";
import { createRandom, randomInt, sampleRows } from "./random";

export interface KMeansOptions {
  k: number;
  /** Initialisations; the one with the lowest inertia is kept. Default 1 (10 with k-means++ in the UI). */
  nInit?: number;
  /** Lloyd iterations per initialisation. Default 300 (as scikit-learn). */
  maxIter?: number;
  /** Stop when the squared centre shift ≤ tol × mean feature variance (scikit-learn's rule). Default 1e-4. */
  tol?: number;
  seed: number;
  /** "k-means++" (default) or explicit initial centres, k × cols row-major (then nInit is 1). */
  init?: "k-means++" | Float64Array;
  /** k-means++ on a seeded sample of this many rows when there are more (default: all rows). */
  initSampleRows?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface KMeansResult {
  centres: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
}

type Steps<T> = Generator<KernelRequest, T, Float64Array>;

/**
 * Greedy k-means++ as scikit-learn does it: first centre uniform; then for each next centre,
 * 2 + ⌊ln k⌋ candidates drawn with probability ∝ D², keeping the one that lowers the potential most.
 */
function* kmeansPlusPlus(m: Matrix, k: number, random: () => number, closest: Float64Array): Steps<Float64Array> {
  const d = m.cols;
  const centres = new Float64Array(k * d);
  const row = (i: number) => m.data.subarray(i * d, (i + 1) * d);
  centres.set(row(randomInt(random, m.rows)), 0);
  let pot = (yield { kernel: "initClosest", args: [centres.slice(0, d)], reduce: "sum" })[0]!;
  const trials = 2 + Math.floor(Math.log(k));
  for (let c = 1; c < k; c++) {
    const targets = Array.from({ length: trials }, (_, t) => ({ t, v: random() * pot }));
    const ids = new Int32Array(trials).fill(m.rows - 1);
    const sorted = [...targets].sort((a, b) => a.v - b.v);
    // searchsorted(cumsum(closest), v) for every target in one pass (first index with cumsum ≥ v).
    let cum = 0;
    let next = 0;
    for (let i = 0; i < m.rows && next < trials; i++) {
      cum += closest[i]!;
      while (next < trials && cum >= sorted[next]!.v) ids[sorted[next++]!.t] = i;
    }
    const candidates = new Float64Array(trials * d);
    for (let t = 0; t < trials; t++) candidates.set(row(ids[t]!), t * d);
    const gap = new Float64Array(trials * c);
    for (let t = 0; t < trials; t++) for (let j = 0; j < c; j++) gap[t * c + j] = Math.sqrt(squaredDistance(candidates, t, centres, j, d));
    const pots = yield { kernel: "trialPotentials", args: [candidates, gap, c], reduce: "sum" };
    let best = 0;
    for (let t = 1; t < trials; t++) if (pots[t]! < pots[best]!) best = t;
    const chosen = candidates.slice(best * d, (best + 1) * d);
    centres.set(chosen, c * d);
    pot = (yield { kernel: "updateClosest", args: [chosen, gap.slice(best * c, (best + 1) * c), c], reduce: "sum" })[0]!;
  }
  return centres;
}

function halfSeparations(centres: Float64Array, k: number, d: number): Float64Array {
  const half = new Float64Array(k).fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (centres[a * d + c]! - centres[b * d + c]!) ** 2;
      const h = Math.sqrt(s) / 2;
      if (h < half[a]!) half[a] = h;
      if (h < half[b]!) half[b] = h;
    }
  }
  return half;
}

/**
 * Lloyd's algorithm as scikit-learn's `lloyd` runs it (assign, then move centres to the means;
 * stop when no label changes or the shift ≤ tol; a final assignment against the final centres;
 * empty clusters take the points farthest from their centres), with Hamerly's bounds to skip
 * distance computations that cannot change a label.
 */
function* lloyd(
  m: Matrix,
  state: KernelState,
  initial: Float64Array,
  k: number,
  maxIter: number,
  tol: number,
  warm: boolean,
  progress: (f: number) => void,
): Steps<Omit<KMeansResult, "labels">> {
  const d = m.cols;
  let centres = initial.slice();
  let strict = false;
  let iterations = 0;
  let bounds: unknown[] = [new Float64Array(k), 0, 0, 0];
  // Per-cluster coordinate sums and counts of the current labels (kept up to date by the deltas).
  const totals = new Float64Array(k * d + k);
  if (warm) totals.set(yield { kernel: "warmStart", args: [k], reduce: "sum" });
  else state.labels.fill(-1);
  let full = !warm;
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    const res = yield { kernel: "assignStep", args: [centres, halfSeparations(centres, k, d), full, ...bounds], reduce: "sum" };
    full = false;
    // scikit-learn compares the first labels with −1s: the first iteration never converges.
    if (it === 0) res[k * d + k] = Math.max(1, res[k * d + k]!);
    for (let j = 0; j < k * d + k; j++) totals[j]! += res[j]!;
    const sums = totals.slice(0, k * d);
    const counts = totals.slice(k * d, k * d + k);
    for (let j = 0; j < k; j++) counts[j] = Math.round(counts[j]!);
    const empty = [...counts.keys()].filter((j) => counts[j] === 0);
    if (empty.length) {
      const far = yield { kernel: "farthest", args: [centres, empty.length], reduce: "concat" };
      const pairs = Array.from({ length: far.length / 2 }, (_, i) => ({ dist: far[2 * i]!, row: far[2 * i + 1]! }));
      pairs.sort((a, b) => b.dist - a.dist || a.row - b.row);
      empty.forEach((j, e) => {
        const p = pairs[e];
        if (!p) return;
        const from = state.labels[p.row]!;
        for (let c = 0; c < d; c++) {
          const x = m.data[p.row * d + c]!;
          sums[from * d + c]! -= x;
          sums[j * d + c] = x;
        }
        counts[from]! -= 1;
        counts[j] = 1;
      });
    }
    const next = new Float64Array(k * d);
    for (let j = 0; j < k; j++) {
      for (let c = 0; c < d; c++) next[j * d + c] = counts[j]! > 0 ? sums[j * d + c]! / counts[j]! : centres[j * d + c]!;
    }
    progress(iterations / maxIter);
    if (res[k * d + k] === 0) {
      centres = next;
      strict = true;
      break;
    }
    const move = new Float64Array(k);
    let shift = 0;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (next[j * d + c]! - centres[j * d + c]!) ** 2;
      shift += s;
      move[j] = Math.sqrt(s);
    }
    let maxArg = 0;
    for (let j = 1; j < k; j++) if (move[j]! > move[maxArg]!) maxArg = j;
    let second = 0;
    for (let j = 0; j < k; j++) if (j !== maxArg && move[j]! > second) second = move[j]!;
    bounds = [move, maxArg, move[maxArg]!, second];
    centres = next;
    if (shift <= tol) break;
  }
  if (!strict) yield { kernel: "assignStep", args: [centres, halfSeparations(centres, k, d), false, ...bounds], reduce: "sum" };
  const inertia = (yield { kernel: "inertiaBlock", args: [centres], reduce: "sum" })[0]!;
  return { centres, inertia, iterations };
}

function columnVarianceMean(m: Matrix): number {
  let total = 0;
  for (let c = 0; c < m.cols; c++) {
    let mean = 0;
    for (let i = 0; i < m.rows; i++) mean += m.data[i * m.cols + c]!;
    mean /= m.rows;
    let v = 0;
    for (let i = 0; i < m.rows; i++) v += (m.data[i * m.cols + c]! - mean) ** 2;
    total += v / m.rows;
  }
  return total / m.cols;
}

function validate(m: Matrix, opts: KMeansOptions) {
  const { k } = opts;
  if (!Number.isInteger(k) || k < 1) throw new ClusteringInputError("k", `k must be a whole number of at least 1 (got ${k}).`);
  if (m.rows < k)
    throw new ClusteringInputError(
      "k",
      `The population (${m.rows} customers) is smaller than k = ${k}: choose a smaller k or a larger population.`,
    );
  if (m.cols < 1) throw new ClusteringInputError("features", "Choose at least one feature.");
  const nInit = opts.nInit ?? 1;
  if (!Number.isInteger(nInit) || nInit < 1)
    throw new ClusteringInputError("nInit", `The number of initialisations must be a whole number of at least 1 (got ${nInit}).`);
  const maxIter = opts.maxIter ?? 300;
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new ClusteringInputError("maxIter", `The number of iterations must be a whole number of at least 1 (got ${maxIter}).`);
  if (opts.init instanceof Float64Array && opts.init.length !== k * m.cols) {
    throw new ClusteringInputError("init", `Initial centres need ${k} × ${m.cols} values (got ${opts.init.length}).`);
  }
  requireFinite(m);
}

/**
 * Default for `initSampleRows`: k-means++ on every row, as scikit-learn (it also gives Lloyd's
 * first assignment for free, and reached the best optimum more often than a 131,072-row sample in
 * the bench). A finite value draws the centres from a seeded sample of that many rows instead.
 * See docs/decisions/080.
 */
export const INIT_SAMPLE_ROWS = Number.POSITIVE_INFINITY;

/** k-means++ centres drawn on `m`, or on a seeded sample of it when m is large (in this thread). */
function* initialCentres(m: Matrix, k: number, random: () => number, state: KernelState, sampleSize: number): Steps<Float64Array> {
  if (m.rows <= sampleSize) return yield* kmeansPlusPlus(m, k, random, state.closest);
  const sample = takeRows(m, sampleRows(m.rows, sampleSize, Math.floor(random() * 2 ** 31)));
  const runner = syncRunner(sample);
  const steps = kmeansPlusPlus(sample, k, random, runner.state.closest);
  let r = steps.next();
  while (!r.done) {
    yield PAUSE;
    r = steps.next(runner.run(r.value));
  }
  return r.value;
}

/** The whole K-Means (every initialisation), as requests to a kernel runner sharing `state`. */
function* kmeansSteps(m: Matrix, state: KernelState, opts: KMeansOptions): Steps<KMeansResult> {
  const { k } = opts;
  const explicit = opts.init instanceof Float64Array ? opts.init : null;
  const nInit = explicit ? 1 : (opts.nInit ?? 1);
  const maxIter = opts.maxIter ?? 300;
  const tol = (opts.tol ?? 1e-4) * columnVarianceMean(m);
  const random = createRandom(opts.seed);
  let best: KMeansResult | null = null;
  for (let run = 0; run < nInit; run++) {
    const sampleSize = opts.initSampleRows ?? INIT_SAMPLE_ROWS;
    const init = explicit ?? (yield* initialCentres(m, k, random, state, sampleSize));
    const warm = !explicit && m.rows <= sampleSize;
    const r = yield* lloyd(m, state, init, k, maxIter, tol, warm, (f) => opts.onProgress?.((run + f) / nInit));
    if (!best || r.inertia < best.inertia) best = { ...r, labels: Int32Array.from(state.labels) };
  }
  opts.onProgress?.(1);
  return best!;
}

/**
 * K-Means in the calling thread (blocks it: use for samples, tests and small populations).
 * Deterministic for a seed; identical results to `kmeansAsync` on the same input.
 */
export function kmeans(m: Matrix, opts: KMeansOptions): KMeansResult {
  validate(m, opts);
  const runner = syncRunner(m);
  const steps = kmeansSteps(m, runner.state, opts);
  let r = steps.next();
  while (!r.done) {
    abortIfNeeded(opts.signal);
    r = steps.next(runner.run(r.value));
  }
  return r.value;
}

/**
 * K-Means on worker threads sharing the data (SharedArrayBuffer), so the caller's event loop stays
 * free (BullMQ worker: progress, cancellation, lock renewal). Small inputs run in the calling
 * thread one block per event-loop turn. Pass an open runner to reuse threads across calls (elbow).
 */
export async function kmeansAsync(m: Matrix, opts: KMeansOptions & { threads?: number; runner?: KernelRunner }): Promise<KMeansResult> {
  validate(m, opts);
  const runner = opts.runner ?? (await openRunner(m, { threads: opts.threads }));
  try {
    const steps = kmeansSteps(m, runner.state, opts);
    let r = steps.next();
    while (!r.done) {
      abortIfNeeded(opts.signal);
      r = steps.next(await runner.run(r.value));
    }
    return r.value;
  } finally {
    if (!opts.runner) await runner.close();
  }
}

/** Sum of squared distances of each row to its cluster's centre. */
export function inertia(m: Matrix, labels: Int32Array, centres: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < m.rows; i++) {
    const a = i * m.cols;
    const b = labels[i]! * m.cols;
    for (let c = 0; c < m.cols; c++) sum += (m.data[a + c]! - centres[b + c]!) ** 2;
  }
  return sum;
}

/** The k-means++ initial centres alone (k × cols), as `kmeans` draws them first for this seed. */
export function kmeansPlusPlusCentres(m: Matrix, k: number, seed: number): Float64Array {
  validate(m, { k, seed });
  const runner = syncRunner(m);
  const steps = kmeansPlusPlus(m, k, createRandom(seed), runner.state.closest);
  let r = steps.next();
  while (!r.done) r = steps.next(runner.run(r.value));
  return r.value;
}
