import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { kernels, type KernelName, type KernelState } from "./kernels.mjs";
import type { Matrix } from "./matrix";

/** One kernel call over every block of rows; "sum" adds the blocks' results, "concat" joins them. */
export interface KernelRequest {
  kernel: KernelName | "pause";
  args: unknown[];
  reduce: "sum" | "concat";
}

/** Not a kernel: lets an asynchronous runner give its event loop a turn (work done in-thread). */
export const PAUSE: KernelRequest = { kernel: "pause", args: [], reduce: "sum" };

/** Rows per block. Fixed, so block-wise sums (and so results) do not depend on the thread count. */
export const BLOCK_ROWS = 32_768;

export function blocksOf(rows: number, blockRows = BLOCK_ROWS): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < rows; s += blockRows) out.push([s, Math.min(rows, s + blockRows)]);
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
export function syncRunner(m: Matrix, blockRows = BLOCK_ROWS): SyncKernelRunner {
  const state = newState(m, (bytes) => new ArrayBuffer(bytes), m.data);
  const blocks = blocksOf(m.rows, blockRows);
  const fn = (name: KernelName) => kernels[name] as (s: KernelState, a: number, b: number, ...args: unknown[]) => Float64Array;
  return {
    state,
    run: (r) =>
      r.kernel === "pause"
        ? new Float64Array(0)
        : reduce(
            blocks.map(([a, b]) => fn(r.kernel as KernelName)(state, a, b, ...r.args)),
            r.reduce,
          ),
  };
}

/** Below this many rows the asynchronous API stays in the calling thread (yielding between steps). */
export const THREAD_MIN_ROWS = 2 * BLOCK_ROWS;

interface WorkerReply {
  id: number;
  results?: Float64Array[];
  error?: string;
}

/**
 * The thread pool: started on first use and kept (unref'd while idle: it never holds the process open),
 * because each new thread pays the JIT's warm-up on the hot loops again. Each thread keeps one
 * state per open runner (keyed by runner id), so concurrent runs do not disturb each other.
 */
class ThreadPool {
  private workers: Worker[] = [];
  private pending = new Map<number, { resolve: (r: Float64Array[]) => void; reject: (e: Error) => void }>();
  private seq = 0;

  size(): number {
    return this.workers.length;
  }

  grow(threads: number): void {
    while (this.workers.length < threads) {
      const w = new Worker(new URL("./kmeans-worker.mjs", import.meta.url));
      w.on("message", (msg: WorkerReply) => this.reply(msg));
      w.on("error", (e) => this.fail(e));
      // Idle threads never hold the process open (after the listeners, which ref the thread).
      w.unref();
      this.workers.push(w);
    }
  }

  private reply(msg: WorkerReply) {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (this.pending.size === 0) for (const w of this.workers) w.unref();
    if (msg.error) p.reject(new Error(`K-Means worker thread failed: ${msg.error}`));
    else p.resolve(msg.results ?? []);
  }

  private fail(e: Error) {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    const dead = this.workers;
    this.workers = [];
    void Promise.all(dead.map((w) => w.terminate()));
  }

  /** Sends one message to thread t; resolves with its reply. */
  call(t: number, message: Record<string, unknown>): Promise<Float64Array[]> {
    const w = this.workers[t];
    if (!w) return Promise.reject(new Error("K-Means worker thread is gone (it crashed): run the clustering again."));
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref(); // held while a reply is due; unref'd again when idle
      w.postMessage({ ...message, id });
    });
  }

  async close(): Promise<void> {
    const all = this.workers;
    this.workers = [];
    await Promise.all(all.map((w) => w.terminate()));
  }
}

const pool = new ThreadPool();
let runnerSeq = 0;

/** Stops the clustering worker threads (tests, graceful shutdown); they restart on next use. */
export function closeClusteringThreads(): Promise<void> {
  return pool.close();
}

/**
 * Worker threads sharing the data and per-row arrays through SharedArrayBuffers; each thread owns
 * a contiguous run of blocks. The calling thread only coordinates, so its event loop stays free.
 * Small inputs run in the calling thread, one block per turn of the event loop.
 */
export async function openRunner(
  m: Matrix,
  opts: { threads?: number; blockRows?: number; threadMinRows?: number } = {},
): Promise<KernelRunner> {
  const blocks = blocksOf(m.rows, opts.blockRows);
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), blocks.length, 16));
  if (m.rows < (opts.threadMinRows ?? THREAD_MIN_ROWS) || threads < 2) {
    const sync = syncRunner(m, opts.blockRows);
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
  pool.grow(threads);
  const runner = ++runnerSeq;
  const buffers = {
    data: data.buffer,
    labels: state.labels.buffer,
    upper: state.upper.buffer,
    lower: state.lower.buffer,
    closest: state.closest.buffer,
  };
  const ts = Array.from({ length: threads }, (_, t) => t);
  await Promise.all(
    ts.map((t) =>
      pool.call(t, {
        bind: runner,
        d: m.cols,
        buffers,
        blocks: blocks.slice(Math.floor((t * blocks.length) / threads), Math.floor(((t + 1) * blocks.length) / threads)),
      }),
    ),
  );
  return {
    state,
    run: async (r) => {
      if (r.kernel === "pause") {
        await new Promise((res) => setImmediate(res));
        return new Float64Array(0);
      }
      const parts = await Promise.all(ts.map((t) => pool.call(t, { runner, kernel: r.kernel, args: r.args })));
      return reduce(parts.flat(), r.reduce);
    },
    close: async () => {
      await Promise.all(ts.map((t) => pool.call(t, { unbind: runner }).catch(() => [])));
    },
  };
}
