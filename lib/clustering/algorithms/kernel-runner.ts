import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { kernels, type KernelName, type KernelState } from "./kernels.mjs";
import type { Matrix } from "./matrix";

/** One kernel call over every block of rows; "sum" adds the blocks' results, "concat" joins them. */
export interface KernelRequest {
  kernel: KernelName;
  args: unknown[];
  reduce: "sum" | "concat";
}

/** Rows per block. Fixed, so block-wise sums (and so results) do not depend on the thread count. */
export const BLOCK_ROWS = 32_768;

export function blocksOf(rows: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < rows; s += BLOCK_ROWS) out.push([s, Math.min(rows, s + BLOCK_ROWS)]);
  if (out.length === 0) out.push([0, 0]);
  return out;
}

function reduce(parts: Float64Array[], how: "sum" | "concat"): Float64Array {
  if (how === "concat") {
    const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
  const out = new Float64Array(parts[0]?.length ?? 0);
  for (const p of parts) for (let i = 0; i < p.length; i++) out[i]! += p[i]!;
  return out;
}

function newState(m: Matrix, alloc: (bytes: number) => ArrayBufferLike, data: Float64Array): KernelState {
  return {
    data,
    d: m.cols,
    labels: new Int32Array(alloc(m.rows * 4)),
    upper: new Float64Array(alloc(m.rows * 8)),
    lower: new Float64Array(alloc(m.rows * 8)),
    closest: new Float64Array(alloc(m.rows * 8)),
  };
}

/** Runs kernel requests; `state` exposes the per-row arrays (labels, closest) to the driver. */
export interface KernelRunner {
  state: KernelState;
  run(request: KernelRequest): Promise<Float64Array>;
  close(): Promise<void>;
}

export interface SyncKernelRunner {
  state: KernelState;
  run(request: KernelRequest): Float64Array;
}

/** In the calling thread (small data, tests, the synchronous API). */
export function syncRunner(m: Matrix): SyncKernelRunner {
  const state = newState(m, (bytes) => new ArrayBuffer(bytes), m.data);
  const blocks = blocksOf(m.rows);
  const fn = (name: KernelName) => kernels[name] as (s: KernelState, a: number, b: number, ...args: unknown[]) => Float64Array;
  return {
    state,
    run: (r) => reduce(blocks.map(([a, b]) => fn(r.kernel)(state, a, b, ...r.args)), r.reduce),
  };
}

/** Below this many rows the asynchronous API stays in the calling thread (yielding between steps). */
export const THREAD_MIN_ROWS = 2 * BLOCK_ROWS;

/**
 * Worker threads sharing the data and per-row arrays through SharedArrayBuffers; each thread owns
 * a contiguous run of blocks. The calling thread only coordinates, so its event loop stays free.
 * Small inputs run in the calling thread, one block per turn of the event loop.
 */
export async function openRunner(m: Matrix, opts: { threads?: number } = {}): Promise<KernelRunner> {
  const blocks = blocksOf(m.rows);
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), blocks.length, 16));
  if (m.rows < THREAD_MIN_ROWS || threads < 2) {
    const sync = syncRunner(m);
    return {
      state: sync.state,
      run: async (r) => {
        await new Promise((res) => setImmediate(res));
        return sync.run(r);
      },
      close: async () => {},
    };
  }
  let data = m.data;
  if (!(data.buffer instanceof SharedArrayBuffer)) {
    data = new Float64Array(new SharedArrayBuffer(m.data.length * 8));
    data.set(m.data);
  }
  const state = newState(m, (bytes) => new SharedArrayBuffer(bytes), data);
  const workers: Worker[] = [];
  const share: [number, number][][] = [];
  for (let t = 0; t < threads; t++) {
    const mine = blocks.slice(Math.floor((t * blocks.length) / threads), Math.floor(((t + 1) * blocks.length) / threads));
    share.push(mine);
    workers.push(
      new Worker(new URL("./kmeans-worker.mjs", import.meta.url), {
        workerData: { d: m.cols, blocks: mine, buffers: { data: data.buffer, labels: state.labels.buffer, upper: state.upper.buffer, lower: state.lower.buffer, closest: state.closest.buffer } },
      }),
    );
  }
  let seq = 0;
  const call = (w: Worker, r: KernelRequest) =>
    new Promise<Float64Array[]>((resolve, reject) => {
      const id = ++seq;
      const onMessage = (msg: { id: number; results?: Float64Array[]; error?: string }) => {
        if (msg.id !== id) return;
        w.off("message", onMessage);
        w.off("error", onError);
        if (msg.error) reject(new Error(`K-Means worker thread failed: ${msg.error}`));
        else resolve(msg.results ?? []);
      };
      const onError = (e: Error) => {
        w.off("message", onMessage);
        reject(e);
      };
      w.on("message", onMessage);
      w.once("error", onError);
      w.postMessage({ id, kernel: r.kernel, args: r.args });
    });
  return {
    state,
    run: async (r) => reduce((await Promise.all(workers.map((w) => call(w, r)))).flat(), r.reduce),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

