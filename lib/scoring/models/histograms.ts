import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { FeatureBins } from "./bin-features";

export const BINS = 256;
/** Per (feature, bin): the sum of gradients, the sum of hessians and the number of rows. */
export const STRIDE = 3;
const FEATURE_SIZE = BINS * STRIDE;

/**
 * Fills the histograms of features [f0, f1) of `hist` from the rows of one node (binned row-major,
 * `cols` codes per row; g, h: every row's gradient and hessian). With `direct`, the node's rows are
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
  g: Float64Array,
  h: Float64Array,
  hist: Float64Array,
  f0: number,
  f1: number,
  direct: boolean,
): void {
  hist.fill(0, f0 * 768, f1 * 768);
  for (let k = 0; k < size; k++) {
    const i = direct ? start + k : indices[start + k]!;
    const gi = g[i]!;
    const hi = h[i]!;
    const row = i * cols;
    for (let f = f0; f < f1; f++) {
      const b = f * 768 + 3 * binned[row + f]!;
      hist[b]! += gi;
      hist[b + 1]! += hi;
      hist[b + 2]!++;
    }
  }
}

// control[0]: the request number, control[1]: the last request done, then start, size, f0, f1, direct.
const HELPER_SOURCE = `
const { workerData } = require("node:worker_threads");
const accumulate = (${accumulateHistograms.toString()});
const { control, binned, cols, indices, gradient, hessian, hist } = workerData;
Atomics.store(control, 1, -1);
Atomics.notify(control, 1);
let seen = 0;
for (;;) {
  Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  if (control[4] < 0) break;
  accumulate(binned, cols, indices, control[2], control[3], gradient, hessian, hist, control[4], control[5], control[6] === 1);
  Atomics.store(control, 1, seen);
  Atomics.notify(control, 1);
}
`;

/** Rows below which a node's histograms are built by the calling thread alone (a hand-off costs more). */
const MIN_ROWS_TO_SHARE = 4096;

/**
 * Builds a node's histograms, splitting the features between the calling thread and helper threads
 * that share the binned rows, the row indices and the gradients (SharedArrayBuffers). Each feature's
 * histogram is summed by one thread in the same order as alone, so the result does not depend on
 * the number of threads. The calling thread waits (Atomics) for its helpers: it must not need its
 * event loop meanwhile, which is why training runs in a worker thread.
 */
export class HistogramBuilder {
  /** The rows of the tree's nodes (each node a range of it), and every row's gradient and hessian. */
  readonly indices: Uint32Array;
  readonly gradient: Float64Array;
  readonly hessian: Float64Array;
  private readonly scratch: Float64Array;
  private readonly helpers: { worker: Worker; control: Int32Array; f0: number; f1: number }[] = [];
  private ownFeatures: number;

  constructor(
    private readonly bins: FeatureBins,
    threads: number,
  ) {
    const shared = (bytes: number) => (threads > 1 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const n = bins.rows;
    const d = bins.cols;
    this.indices = new Uint32Array(shared(4 * n));
    this.gradient = new Float64Array(shared(8 * n));
    this.hessian = new Float64Array(shared(8 * n));
    this.scratch = new Float64Array(shared(8 * d * FEATURE_SIZE));
    const parts = Math.max(1, Math.min(threads, d));
    this.ownFeatures = d;
    if (parts === 1 || !(bins.binned.buffer instanceof SharedArrayBuffer)) return;
    for (let p = 1; p < parts; p++) {
      const f0 = Math.round((p * d) / parts);
      const f1 = Math.round(((p + 1) * d) / parts);
      const control = new Int32Array(new SharedArrayBuffer(4 * 8));
      const worker = new Worker(HELPER_SOURCE, {
        eval: true,
        execArgv: [],
        workerData: {
          control,
          binned: bins.binned,
          cols: d,
          indices: this.indices,
          gradient: this.gradient,
          hessian: this.hessian,
          hist: this.scratch,
        },
      });
      worker.unref();
      this.helpers.push({ worker, control, f0, f1 });
    }
    this.ownFeatures = Math.round(d / parts);
    // The helpers start on their own; wait (bounded) until each is listening, else build alone.
    for (const helper of this.helpers)
      if (Atomics.wait(helper.control, 1, 0, 10_000) === "timed-out" && Atomics.load(helper.control, 1) === 0) {
        this.close();
        this.ownFeatures = d;
        return;
      }
  }

  /** Arrays of histograms no node holds any more, for build to reuse. */
  private readonly free: Float64Array[] = [];

  /** Hands back the histograms of nodes that are done with them (build reuses the arrays). */
  release(hist: Float64Array): void {
    this.free.push(hist);
  }

  /** The histograms of the node whose rows are indices[start … end − 1], in an array of its own. */
  build(start: number, end: number, direct: boolean): Float64Array {
    const { bins, indices, gradient, hessian } = this;
    const size = end - start;
    const share = this.helpers.length > 0 && size >= MIN_ROWS_TO_SHARE;
    if (share)
      for (const { control, f0, f1 } of this.helpers) {
        control.set([start, size, f0, f1, direct ? 1 : 0], 2);
        Atomics.add(control, 0, 1);
        Atomics.notify(control, 0);
      }
    const own = share ? this.ownFeatures : bins.cols;
    accumulateHistograms(bins.binned, bins.cols, indices, start, size, gradient, hessian, this.scratch, 0, own, direct);
    if (share)
      for (const { control } of this.helpers) {
        const request = Atomics.load(control, 0);
        for (let done = Atomics.load(control, 1); done !== request; done = Atomics.load(control, 1)) Atomics.wait(control, 1, done);
      }
    const out = this.free.pop() ?? new Float64Array(this.scratch.length);
    out.set(this.scratch);
    return out;
  }

  /** The threads building histograms: the caller and its helpers. */
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
