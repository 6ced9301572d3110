import { Rng } from "../../demo/prng";
import { applyBins, fitBinEdges, type FeatureBins } from "./bin-features";
import { sigmoid, type FeatureMatrix, type LabelledData } from "./dataset";
import { BINS as HISTOGRAM_BINS, defaultHistogramThreads, HistogramBuilder, STRIDE as HISTOGRAM_STRIDE } from "./histograms";

export interface BoostingOptions {
  learningRate?: number;
  maxIterations?: number;
  maxLeafNodes?: number;
  minSamplesLeaf?: number;
  l2Regularization?: number;
  maxBins?: number;
  /** "auto" (the default): on when there are more than 10,000 rows, as in scikit-learn. */
  earlyStopping?: boolean | "auto";
  validationFraction?: number;
  nIterNoChange?: number;
  tolerance?: number;
  seed?: number;
  /**
   * Threads building the histograms (default: the machine's cores, at most 4; 1 below 50,000
   * training rows). The model does not depend on it. Blocks the calling thread's event loop while
   * they work: train in a worker thread.
   */
  threads?: number;
  /** Called after each tree; return false to stop (cancel). */
  onIteration?: (iteration: number, maxIterations: number) => boolean | void;
}

/** One regression tree in flat arrays; left[k] = −1 marks a leaf holding value[k]. */
export interface BoostedTree {
  feature: number[];
  threshold: number[];
  bin: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface BoostingModel {
  kind: "gradient_boosting";
  baseline: number;
  trees: BoostedTree[];
  names: string[];
  /** Total split gain per feature (normalized to sum 1). */
  importance: number[];
  iterations: number;
  stoppedEarly: boolean;
}

/** Training sets from which histograms are built by several threads (below, a thread's start costs more). */
const MIN_ROWS_FOR_THREADS = 50_000;
// Module constants, not the imported bindings, in the hot loops.
const BINS = HISTOGRAM_BINS;
const STRIDE = HISTOGRAM_STRIDE;

/**
 * A histogram-based gradient-boosted trees classifier for binary labels, after scikit-learn's
 * HistGradientBoostingClassifier and its defaults: features binned into ≤ 255 quantile bins,
 * trees grown best-first to 31 leaves with ≥ 20 samples per leaf, Newton leaf values
 * −G/(H + λ) shrunk by the learning rate (0.1), 100 iterations, the log loss, and early stopping on
 * a stratified 10 % validation split (10 iterations without improvement) above 10,000 rows.
 */
export function fitHistGradientBoosting(data: LabelledData, options: BoostingOptions = {}): BoostingModel {
  const lr = options.learningRate ?? 0.1;
  const maxIterations = options.maxIterations ?? 100;
  const maxLeaves = options.maxLeafNodes ?? 31;
  const minLeaf = options.minSamplesLeaf ?? 20;
  const lambda = options.l2Regularization ?? 0;
  const n = data.x.rows;
  const d = data.x.cols;
  const early = options.earlyStopping === undefined || options.earlyStopping === "auto" ? n > 10_000 : options.earlyStopping;
  const { train, validation } = early
    ? stratifiedSplit(data.y, options.validationFraction ?? 0.1, options.seed ?? 0)
    : { train: range(n), validation: new Uint32Array(0) };
  const threads = train.length >= MIN_ROWS_FOR_THREADS ? (options.threads ?? defaultHistogramThreads()) : 1;
  // The training rows binned on their own (row k is data row train[k]), so the root's histograms
  // read them in order, and the validation rows apart.
  const edges = fitBinEdges(data.x, options.maxBins ?? 255, undefined, early ? train : undefined);
  const bins = applyBins(data.x, edges, { rows: early ? train : undefined, shared: threads > 1 });
  const validationBins = applyBins(data.x, edges, { rows: validation });
  const y = early ? Uint8Array.from(train, (i) => data.y[i]!) : data.y;
  const yValidation = Uint8Array.from(validation, (i) => data.y[i]!);
  const m = train.length;

  let positives = 0;
  for (let k = 0; k < m; k++) positives += y[k]!;
  const prior = Math.min(Math.max(positives / Math.max(m, 1), 1e-12), 1 - 1e-12);
  const baseline = Math.log(prior / (1 - prior));
  const raw = new Float64Array(m).fill(baseline);
  const rawValidation = new Float64Array(validation.length).fill(baseline);
  const gains = new Float64Array(d);
  const trees: BoostedTree[] = [];
  const scores: number[] = [];
  if (early) scores.push(-logLoss(rawValidation, yValidation));
  const nIterNoChange = options.nIterNoChange ?? 10;
  const tol = options.tolerance ?? 1e-7;
  let stoppedEarly = false;
  const histograms = new HistogramBuilder(bins, threads);
  const { gradient, hessian, indices } = histograms;
  const buffer = new Uint32Array(m);
  const columns = new Uint8Array(m * d);
  for (let k = 0; k < m; k++) for (let f = 0; f < d; f++) columns[f * m + k] = bins.binned[k * d + f]!;

  try {
    for (let iteration = 0; iteration < maxIterations; iteration++) {
      for (let k = 0; k < m; k++) {
        const p = sigmoid(raw[k]!);
        gradient[k] = p - y[k]!;
        hessian[k] = p * (1 - p);
        indices[k] = k;
      }
      const tree = growTree({ bins, columns, histograms, buffer, maxLeaves, minLeaf, lambda, lr, gains });
      trees.push(tree.tree);
      for (const leaf of tree.leaves) for (let k = leaf.start; k < leaf.end; k++) raw[indices[k]!]! += leaf.value;
      if (early) {
        for (let k = 0; k < validation.length; k++) rawValidation[k]! += predictBinnedTree(tree.tree, validationBins, k);
        scores.push(-logLoss(rawValidation, yValidation));
        if (scores.length > nIterNoChange) {
          const reference = scores[scores.length - nIterNoChange - 1]!;
          if (scores.slice(-nIterNoChange).every((s) => s <= reference + tol)) {
            stoppedEarly = true;
            options.onIteration?.(iteration + 1, maxIterations);
            break;
          }
        }
      }
      if (options.onIteration?.(iteration + 1, maxIterations) === false) break;
      if (tree.leaves.length === 1) break; // nothing left to split
    }
  } finally {
    histograms.close();
  }
  const totalGain = gains.reduce((s, g) => s + g, 0) || 1;
  return {
    kind: "gradient_boosting",
    baseline,
    trees,
    names: [...data.x.names],
    importance: Array.from(gains, (g) => g / totalGain),
    iterations: trees.length,
    stoppedEarly,
  };
}

/** P(y = 1) for each row of raw (unbinned) features. */
export function predictBoosting(model: BoostingModel, x: FeatureMatrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = model.baseline;
    const row = i * x.cols;
    for (const t of model.trees) {
      let k = 0;
      while (t.left[k]! >= 0) k = x.values[row + t.feature[k]!]! <= t.threshold[k]! ? t.left[k]! : t.right[k]!;
      s += t.value[k]!;
    }
    out[i] = sigmoid(s);
  }
  return out;
}

interface Leaf {
  start: number;
  end: number;
  value: number;
}

interface GrowingNode {
  id: number;
  start: number;
  end: number;
  g: number;
  h: number;
  hist: Float64Array; // [G, H, count] per (feature, bin)
  split?: { feature: number; bin: number; gain: number; leftCount: number };
}

function growTree(o: {
  bins: FeatureBins;
  /** The same bin codes column-major, for the partitions (a node's rows are in increasing order). */
  columns: Uint8Array;
  histograms: HistogramBuilder;
  buffer: Uint32Array;
  maxLeaves: number;
  minLeaf: number;
  lambda: number;
  lr: number;
  gains: Float64Array;
}): { tree: BoostedTree; leaves: Leaf[] } {
  const { bins, histograms, minLeaf, lambda } = o;
  const tree: BoostedTree = { feature: [], threshold: [], bin: [], left: [], right: [], value: [] };
  const addNode = () => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.bin.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    return tree.feature.length - 1;
  };
  const makeNode = (start: number, end: number, hist: Float64Array): GrowingNode => {
    let g = 0;
    let hh = 0;
    for (let b = 0; b < BINS; b++) {
      g += hist[STRIDE * b]!;
      hh += hist[STRIDE * b + 1]!;
    }
    return { id: addNode(), start, end, g, h: hh, hist };
  };
  const root = makeNode(0, bins.rows, histograms.build(0, bins.rows, true));
  const open: GrowingNode[] = [];
  const finished: GrowingNode[] = [];
  const consider = (node: GrowingNode) => {
    if (node.end - node.start >= 2 * minLeaf) node.split = findBestSplit(node, bins, minLeaf, lambda);
    if (node.split && node.split.gain > 0) open.push(node);
    else finished.push(node);
  };
  consider(root);
  let leaves = 1;
  while (open.length > 0 && leaves < o.maxLeaves) {
    let best = 0;
    for (let k = 1; k < open.length; k++) if (open[k]!.split!.gain > open[best]!.split!.gain) best = k;
    const node = open.splice(best, 1)[0]!;
    const { feature, bin, gain } = node.split!;
    o.gains[feature]! += gain;
    const mid = partition(o.columns, bins.rows, histograms.indices, o.buffer, node.start, node.end, feature, bin);
    tree.feature[node.id] = feature;
    tree.bin[node.id] = bin;
    tree.threshold[node.id] = bins.edges[feature]![bin]!;
    const smallIsLeft = mid - node.start <= node.end - mid;
    const small = smallIsLeft ? histograms.build(node.start, mid, false) : histograms.build(mid, node.end, false);
    // The larger child's histograms are the parent's minus the smaller one's.
    const large = node.hist;
    for (let k = 0; k < large.length; k++) large[k]! -= small[k]!;
    const left = makeNode(node.start, mid, smallIsLeft ? small : large);
    const right = makeNode(mid, node.end, smallIsLeft ? large : small);
    tree.left[node.id] = left.id;
    tree.right[node.id] = right.id;
    leaves++;
    consider(left);
    consider(right);
  }
  const leafList: Leaf[] = [];
  for (const node of [...finished, ...open]) {
    histograms.release(node.hist);
    const value = (-o.lr * node.g) / (node.h + lambda + 1e-300);
    tree.value[node.id] = value;
    leafList.push({ start: node.start, end: node.end, value });
  }
  return { tree, leaves: leafList };
}

function findBestSplit(node: GrowingNode, bins: FeatureBins, minLeaf: number, lambda: number) {
  const total = node.end - node.start;
  const parentScore = (node.g * node.g) / (node.h + lambda);
  let best: GrowingNode["split"];
  for (let f = 0; f < bins.cols; f++) {
    const off = f * BINS * STRIDE;
    const last = bins.edges[f]!.length; // bins 0..last; a split at `last` leaves the right empty
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b < last; b++) {
      gl += node.hist[off + STRIDE * b]!;
      hl += node.hist[off + STRIDE * b + 1]!;
      cl += node.hist[off + STRIDE * b + 2]!;
      if (cl < minLeaf) continue;
      const cr = total - cl;
      if (cr < minLeaf) break;
      const hr = node.h - hl;
      if (hl < 1e-3 || hr < 1e-3) continue;
      const gr = node.g - gl;
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
      if (gain > (best?.gain ?? 0)) best = { feature: f, bin: b, gain, leftCount: cl };
    }
  }
  return best;
}

/** Reorders indices[start:end] so rows with bin ≤ `bin` on `feature` come first; returns the boundary. */
function partition(
  columns: Uint8Array,
  rows: number,
  indices: Uint32Array,
  buffer: Uint32Array,
  start: number,
  end: number,
  feature: number,
  bin: number,
): number {
  const base = feature * rows;
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const i = indices[k]!;
    if (columns[base + i]! <= bin) indices[l++] = i;
    else buffer[r++] = i;
  }
  indices.set(buffer.subarray(0, r), l);
  return l;
}

function predictBinnedTree(t: BoostedTree, bins: FeatureBins, i: number): number {
  let k = 0;
  while (t.left[k]! >= 0) k = bins.binned[i * bins.cols + t.feature[k]!]! <= t.bin[k]! ? t.left[k]! : t.right[k]!;
  return t.value[k]!;
}

function logLoss(raw: Float64Array, y: Uint8Array): number {
  let sum = 0;
  for (let k = 0; k < raw.length; k++) {
    const s = raw[k]!;
    sum += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - y[k]! * s;
  }
  return sum / Math.max(raw.length, 1);
}

function range(n: number): Uint32Array {
  const r = new Uint32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

/** A seeded split that keeps each class's share in both parts. */
export function stratifiedSplit(y: Uint8Array, fraction: number, seed: number): { train: Uint32Array; validation: Uint32Array } {
  const rng = new Rng(seed);
  const train: number[] = [];
  const validation: number[] = [];
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i]! === label) rows.push(i);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    const take = Math.ceil(rows.length * fraction);
    for (let k = 0; k < rows.length; k++) (k < take ? validation : train).push(rows[k]!);
  }
  return { train: Uint32Array.from(train).sort(), validation: Uint32Array.from(validation).sort() };
}
