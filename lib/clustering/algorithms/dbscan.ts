import { openRunner, syncRunner, type KernelRequest } from "./kernel-runner";
import { ClusteringInputError, requireFinite, type Matrix } from "./matrix";

/** DBSCAN runs on a sample of at most this many rows (brute-force neighbourhoods, O(n²)). */
export const DBSCAN_MAX_ROWS = 20_000;

/** Rows per kernel call: small, so the asynchronous versions yield often and spread over threads. */
const BLOCK = 256;

export interface DbscanResult {
  labels: Int32Array;
  core: Uint8Array;
}

type Run = (request: KernelRequest, core?: Uint8Array) => Float64Array | Promise<Float64Array>;

function checkSize(m: Matrix) {
  if (m.rows > DBSCAN_MAX_ROWS)
    throw new ClusteringInputError(
      "sample",
      `DBSCAN runs on a sample of at most ${DBSCAN_MAX_ROWS.toLocaleString("en")} customers (got ${m.rows.toLocaleString("en")}).`,
    );
  requireFinite(m);
}

function checkDbscan(m: Matrix, eps: number, minPts: number) {
  if (!(eps > 0) || !Number.isFinite(eps))
    throw new ClusteringInputError("eps", `eps must be a positive distance (got ${eps}): read it off the k-distance chart's knee.`);
  if (!Number.isInteger(minPts) || minPts < 1)
    throw new ClusteringInputError("minPts", `minPts must be a whole number of at least 1 (got ${minPts}).`);
  checkSize(m);
}

function checkK(m: Matrix, k: number) {
  if (!Number.isInteger(k) || k < 1 || k > m.rows)
    throw new ClusteringInputError("minPts", `k must be between 1 and the sample size (${m.rows}); got ${k}.`);
  checkSize(m);
}

/** DBSCAN from its two kernel passes on a runner (see linkClusters). */
async function runDbscan(n: number, eps: number, minPts: number, run: Run): Promise<DbscanResult> {
  const counts = await run({ kernel: "neighbourCounts", args: [eps * eps], reduce: "concat" });
  const core = Uint8Array.from(counts, (c) => (c >= minPts ? 1 : 0));
  const links = await run({ kernel: "coreLinks", args: [eps * eps], reduce: "concat" }, core);
  return linkClusters(n, core, links);
}

/**
 * Core rows within eps of each other form the clusters (union–find), numbered 0.. in order of
 * their first row; a non-core row within eps of a core row joins the cluster of its first core
 * neighbour; the rest is noise (−1).
 */
function linkClusters(n: number, core: Uint8Array, links: Float64Array): DbscanResult {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const borderOf = new Int32Array(n).fill(-1);
  for (let p = 0; p < links.length; p += 2) {
    const i = links[p]!;
    const j = links[p + 1]!;
    if (core[i]) {
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    } else borderOf[i] = j;
  }
  const ids = new Map<number, number>();
  const labels = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const anchor = core[i] ? i : borderOf[i]!;
    if (anchor < 0) continue;
    const root = find(anchor);
    if (!ids.has(root)) ids.set(root, ids.size);
  }
  // Number clusters in order of their first core row.
  const order = [...ids.keys()].sort((a, b) => a - b);
  order.forEach((root, i) => ids.set(root, i));
  for (let i = 0; i < n; i++) {
    const anchor = core[i] ? i : borderOf[i]!;
    if (anchor >= 0) labels[i] = ids.get(find(anchor))!;
  }
  return { labels, core };
}

/**
 * DBSCAN as scikit-learn's (Euclidean; a point is core when at least minPts points, itself
 * included, lie within eps), in the calling thread. Clusters are numbered 0.. in order of their
 * first core point; a border point joins the cluster of its first core neighbour; −1 is noise.
 */
export function dbscan(m: Matrix, opts: { eps: number; minPts: number }): DbscanResult {
  checkDbscan(m, opts.eps, opts.minPts);
  const runner = syncRunner(m, BLOCK);
  const e2 = opts.eps * opts.eps;
  const counts = runner.run({ kernel: "neighbourCounts", args: [e2], reduce: "concat" });
  const core = Uint8Array.from(counts, (c) => (c >= opts.minPts ? 1 : 0));
  runner.state.labels.set(core);
  return linkClusters(m.rows, core, runner.run({ kernel: "coreLinks", args: [e2], reduce: "concat" }));
}

/** The same on worker threads (the caller's event loop stays free); identical result. */
export async function dbscanAsync(m: Matrix, opts: { eps: number; minPts: number; threads?: number }): Promise<DbscanResult> {
  checkDbscan(m, opts.eps, opts.minPts);
  const runner = await openRunner(m, { blockRows: BLOCK, threadMinRows: 2 * BLOCK, threads: opts.threads });
  try {
    return await runDbscan(m.rows, opts.eps, opts.minPts, (request, core) => {
      if (core) runner.state.labels.set(core);
      return runner.run(request);
    });
  } finally {
    await runner.close();
  }
}

/**
 * For the k-distance chart: each row's distance to its k-th nearest row counting itself (the
 * smallest eps that makes it a core point with minPts = k), sorted ascending. In the calling thread.
 */
export function kDistances(m: Matrix, k: number): Float64Array {
  checkK(m, k);
  return syncRunner(m, BLOCK)
    .run({ kernel: "kthDistances", args: [k], reduce: "concat" })
    .sort();
}

/** The same on worker threads; identical result. */
export async function kDistancesAsync(m: Matrix, k: number, opts: { threads?: number } = {}): Promise<Float64Array> {
  checkK(m, k);
  const runner = await openRunner(m, { blockRows: BLOCK, threadMinRows: 2 * BLOCK, threads: opts.threads });
  try {
    return (await runner.run({ kernel: "kthDistances", args: [k], reduce: "concat" })).sort();
  } finally {
    await runner.close();
  }
}
