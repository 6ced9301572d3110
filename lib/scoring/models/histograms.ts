import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { FeatureBins } from "./bin-features";

export const BINS = 256;
/** Per (feature, bin): the sum of gradients, the sum of hessians and the number of rows. */
export const STRIDE = 3;
const FEATURE_SIZE = BINS * STRIDE;
/**
 * A node's rows are summed in this many contiguous chunks, each into histograms of its own, added
 * in chunk order: the threads share the rows (and so the memory reads), and the sums do not depend
 * on how many threads there are.
 */
const CHUNKS = 4;

/**
 * Fills the histograms of features [f0, f1) of `hist` from the rows of one node (binned row-major,
 * `cols` codes per row; gh: every row's gradient and hessian side by side, gh[2i] and gh[2i + 1], so
 * that a row's pair is one memory read). With `direct`, the node's rows are
 * the binned rows start … start + size − 1, otherwise indices[start … start + size − 1]. Each bin
 * sums its rows in the node's order whatever f0 and f1.
 * Self-contained (no imports, no closures): helper threads run its source text.
 */
export function accumulateHistograms(
  binned: Uint8Array,
  cols: number,
  indices: Uint32Array,
  start: number,
  size: number,
  gh: Float64Array,
  hist: Float64Array,
  f0: number,
  f1: number,
  direct: boolean,
): void {
  hist.fill(0, f0 * 768, f1 * 768);
  for (let k = 0; k < size; k++) {
    const i = direct ? start + k : indices[start + k]!;
    const gi = gh[2 * i]!;
    const hi = gh[2 * i + 1]!;
    const row = i * cols;
    for (let f = f0; f < f1; f++) {
      const b = f * 768 + 3 * binned[row + f]!;
      hist[b]! += gi;
      hist[b + 1]! += hi;
      hist[b + 2]!++;
    }
  }
}

/**
 * Each row's gradient and hessian of the log loss at its raw score, for rows [a, b), and resets the
 * row indices to 0 … m − 1 (the root's rows). Self-contained: helper threads run its source text.
 */
export function computeGradients(raw: Float64Array, y: Uint8Array, gh: Float64Array, indices: Uint32Array, a: number, b: number): void {
  for (let k = a; k < b; k++) {
    const z = raw[k]!;
    const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    gh[2 * k] = p - y[k]!;
    gh[2 * k + 1] = p * (1 - p);
    indices[k] = k;
  }
}

/**
 * Moves the rows indices[a … b − 1] with bin ≤ `bin` on `feature` (bins column-major, `rows` per
 * column) to the front of that range, in order, and the others to buffer[a …], in order; returns how
 * many went to the front. Self-contained: helper threads run its source text.
 */
export function partitionRows(
  columns: Uint8Array,
  rows: number,
  indices: Uint32Array,
  buffer: Uint32Array,
  a: number,
  b: number,
  feature: number,
  bin: number,
): number {
  const base = feature * rows;
  let l = a;
  let r = a;
  for (let k = a; k < b; k++) {
    const i = indices[k]!;
    if (columns[base + i]! <= bin) indices[l++] = i;
    else buffer[r++] = i;
  }
  return l - a;
}

// control[0]: the request number, control[1]: the last request done, [2] start, [3] size, [4] first
// chunk (−1: stop), [5] chunk after the last, [6] direct, [7] the operation (0 histograms, 1 gradients, 2 partition),
// [8] feature, [9] bin, [10] the partition's count of rows to the front.
const HELPER_SOURCE = `
const { workerData } = require("node:worker_threads");
const accumulate = (${accumulateHistograms.toString()});
const gradients = (${computeGradients.toString()});
const partition = (${partitionRows.toString()});
const { control, binned, cols, rows, indices, gh, hist, raw, y, columns, buffer } = workerData;
Atomics.store(control, 1, -1);
Atomics.notify(control, 1);
let seen = 0;
for (;;) {
  Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  if (control[4] < 0) break;
  const a = control[2];
  const b = control[2] + control[3];
  if (control[7] === 0)
    for (let c = control[4]; c < control[5]; c++) {
      const from = a + Math.round((control[3] * c) / ${CHUNKS});
      const to = a + Math.round((control[3] * (c + 1)) / ${CHUNKS});
      accumulate(binned, cols, indices, from, to - from, gh, hist.subarray(c * cols * ${FEATURE_SIZE}, (c + 1) * cols * ${FEATURE_SIZE}), 0, cols, control[6] === 1);
    }
  else if (control[7] === 1) gradients(raw, y, gh, indices, a, b);
  else control[10] = partition(columns, rows, indices, buffer, a, b, control[8], control[9]);
  Atomics.store(control, 1, seen);
  Atomics.notify(control, 1);
}
`;

/** Rows below which a node's work is done by the calling thread alone (a hand-off costs more). */
const MIN_ROWS_TO_SHARE = 4096;

/**
 * The arrays one tree's growth works on, and the threads that share the work: a node's histograms
 * (its rows summed in CHUNKS fixed chunks, shared out between the calling thread and helper
 * threads, then added in chunk order), every row's gradients (the rows split), and a node's
 * partition (the rows split in contiguous chunks, each kept in order, then joined). The arrays live
 * in SharedArrayBuffers. Whoever sums a chunk sums it in the same order, and the partition's order
 * is the single thread's, so the trees do not depend on the number of threads. The calling thread
 * waits (Atomics) for its helpers: it must not need its event loop meanwhile, which is why training
 * runs in a worker thread.
 */
export class HistogramBuilder {
  /** The rows of the tree's nodes (each node a range of it), and every row's gradient and hessian (gh[2i], gh[2i + 1]). */
  readonly indices: Uint32Array;
  readonly gh: Float64Array;
  /** Every training row's raw score and label. */
  readonly raw: Float64Array;
  readonly y: Uint8Array;
  /** The bin codes column-major, for the partitions (a node's rows are in increasing order, so reads move forward). */
  private readonly columns: Uint8Array;
  private readonly buffer: Uint32Array;
  private readonly scratch: Float64Array;
  private readonly helpers: { worker: Worker; control: Int32Array; c0: number; c1: number }[] = [];
  private ownChunks: number;

  constructor(
    private readonly bins: FeatureBins,
    threads: number,
    labels: Uint8Array = new Uint8Array(bins.rows),
  ) {
    const shared = (bytes: number) => (threads > 1 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const n = bins.rows;
    const d = bins.cols;
    this.indices = new Uint32Array(shared(4 * n));
    this.gh = new Float64Array(shared(16 * n));
    this.raw = new Float64Array(shared(8 * n));
    this.y = new Uint8Array(shared(n));
    this.y.set(labels);
    this.buffer = new Uint32Array(shared(4 * n));
    this.columns = new Uint8Array(shared(n * d));
    for (let k = 0; k < n; k++) for (let f = 0; f < d; f++) this.columns[f * n + k] = bins.binned[k * d + f]!;
    this.scratch = new Float64Array(shared(8 * CHUNKS * d * FEATURE_SIZE));
    const parts = Math.max(1, Math.min(threads, CHUNKS));
    this.ownChunks = CHUNKS;
    if (parts === 1 || !(bins.binned.buffer instanceof SharedArrayBuffer)) return;
    for (let p = 1; p < parts; p++) {
      const c0 = Math.round((p * CHUNKS) / parts);
      const c1 = Math.round(((p + 1) * CHUNKS) / parts);
      const control = new Int32Array(new SharedArrayBuffer(4 * 16));
      const worker = new Worker(HELPER_SOURCE, {
        eval: true,
        execArgv: [],
        workerData: {
          control,
          binned: bins.binned,
          cols: d,
          rows: n,
          indices: this.indices,
          gh: this.gh,
          hist: this.scratch,
          raw: this.raw,
          y: this.y,
          columns: this.columns,
          buffer: this.buffer,
        },
      });
      worker.unref();
      this.helpers.push({ worker, control, c0, c1 });
    }
    this.ownChunks = Math.round(CHUNKS / parts);
    // The helpers start on their own; wait (bounded) until each is listening, else work alone.
    for (const helper of this.helpers)
      if (Atomics.wait(helper.control, 1, 0, 10_000) === "timed-out" && Atomics.load(helper.control, 1) === 0) {
        this.close();
        this.ownChunks = CHUNKS;
        return;
      }
  }

  /** Arrays of histograms no node holds any more, for build to reuse. */
  private readonly free: Float64Array[] = [];

  /** Hands back the histograms of nodes that are done with them (build reuses the arrays). */
  release(hist: Float64Array): void {
    this.free.push(hist);
  }

  private send(control: Int32Array, values: number[]): void {
    control.set(values, 2);
    Atomics.add(control, 0, 1);
    Atomics.notify(control, 0);
  }

  private waitForHelpers(): void {
    for (const { control } of this.helpers) {
      const request = Atomics.load(control, 0);
      for (let done = Atomics.load(control, 1); done !== request; done = Atomics.load(control, 1)) Atomics.wait(control, 1, done);
    }
  }

  /** [start, end) cut into one contiguous chunk per thread, the caller's first. */
  private chunks(start: number, end: number): number[] {
    const parts = this.helpers.length + 1;
    return Array.from({ length: parts + 1 }, (_, p) => start + Math.round(((end - start) * p) / parts));
  }

  /** The histograms of the node whose rows are indices[start … end − 1], in an array of its own. */
  build(start: number, end: number, direct: boolean): Float64Array {
    const { bins, indices, gh } = this;
    const size = end - start;
    const share = this.helpers.length > 0 && size >= MIN_ROWS_TO_SHARE;
    if (share) for (const { control, c0, c1 } of this.helpers) this.send(control, [start, size, c0, c1, direct ? 1 : 0, 0]);
    const part = bins.cols * FEATURE_SIZE;
    for (let c = 0; c < (share ? this.ownChunks : CHUNKS); c++) {
      const from = start + Math.round((size * c) / CHUNKS);
      const to = start + Math.round((size * (c + 1)) / CHUNKS);
      accumulateHistograms(
        bins.binned,
        bins.cols,
        indices,
        from,
        to - from,
        gh,
        this.scratch.subarray(c * part, (c + 1) * part),
        0,
        bins.cols,
        direct,
      );
    }
    if (share) this.waitForHelpers();
    const out = this.free.pop() ?? new Float64Array(part);
    const s = this.scratch;
    for (let k = 0; k < part; k++) out[k] = s[k]! + s[part + k]! + s[2 * part + k]! + s[3 * part + k]!; // the CHUNKS (4) parts
    return out;
  }

  /** Every row's gradient and hessian at its raw score; the row indices back to the root's. */
  gradients(): void {
    const n = this.bins.rows;
    if (this.helpers.length === 0) return computeGradients(this.raw, this.y, this.gh, this.indices, 0, n);
    const at = this.chunks(0, n);
    this.helpers.forEach(({ control }, h) => this.send(control, [at[h + 1]!, at[h + 2]! - at[h + 1]!, 0, 0, 0, 1]));
    computeGradients(this.raw, this.y, this.gh, this.indices, at[0]!, at[1]!);
    this.waitForHelpers();
  }

  /** Reorders indices[start … end − 1] so rows with bin ≤ `bin` on `feature` come first, each side in order; returns the boundary. */
  partition(start: number, end: number, feature: number, bin: number): number {
    const { columns, indices, buffer } = this;
    const n = this.bins.rows;
    if (this.helpers.length === 0 || end - start < MIN_ROWS_TO_SHARE) {
      const left = partitionRows(columns, n, indices, buffer, start, end, feature, bin);
      indices.set(buffer.subarray(start, start + end - start - left), start + left);
      return start + left;
    }
    const at = this.chunks(start, end);
    this.helpers.forEach(({ control }, h) => this.send(control, [at[h + 1]!, at[h + 2]! - at[h + 1]!, 0, 0, 0, 2, feature, bin]));
    const lefts = [partitionRows(columns, n, indices, buffer, at[0]!, at[1]!, feature, bin)];
    this.waitForHelpers();
    for (const { control } of this.helpers) lefts.push(control[10]!);
    // Join the chunks: their front rows in chunk order, then the others in chunk order.
    let to = start;
    lefts.forEach((left, p) => {
      if (at[p]! !== to) indices.copyWithin(to, at[p]!, at[p]! + left);
      to += left;
    });
    const boundary = to;
    lefts.forEach((left, p) => {
      const right = at[p + 1]! - at[p]! - left;
      indices.set(buffer.subarray(at[p]!, at[p]! + right), to);
      to += right;
    });
    return boundary;
  }

  /** The threads sharing the work: the caller and its helpers. */
  get threads(): number {
    return this.helpers.length + 1;
  }

  /** Stops the helper threads. */
  close(): void {
    for (const { worker, control } of this.helpers) {
      control[4] = -1;
      Atomics.add(control, 0, 1);
      Atomics.notify(control, 0);
      void worker.terminate();
    }
    this.helpers.length = 0;
  }
}

/** Threads to build histograms with by default: both cores of a two-core machine, at most four. */
export function defaultHistogramThreads(): number {
  return Math.min(4, availableParallelism());
}
