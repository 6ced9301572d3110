import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { THREAD_MIN_ROWS } from "./kernel-runner";
import { inertia, kmeans, kmeansAsync, kmeansPlusPlusCentres } from "./kmeans";
import { ClusteringInputError, fromRows, type Matrix } from "./matrix";
import { createRandom } from "./random";

/** Gaussian blobs around the given centres (seeded). */
function blobs(centres: number[][], perBlob: number, spread: number, seed: number): Matrix {
  const random = createRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return fromRows(centres.flatMap((c) => Array.from({ length: perBlob }, () => c.map((x) => x + spread * gauss()))));
}

/** Plain Lloyd (scikit-learn's loop, no bounds), the reference for the bounded version. */
function naiveLloyd(m: Matrix, init: Float64Array, k: number, maxIter: number) {
  const d = m.cols;
  let centres = init.slice();
  const labels = new Int32Array(m.rows).fill(-1);
  const assign = () => {
    let changed = 0;
    for (let i = 0; i < m.rows; i++) {
      let best = Infinity;
      let bj = 0;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += (m.data[i * d + c]! - centres[j * d + c]!) ** 2;
        if (s < best) [best, bj] = [s, j];
      }
      if (labels[i] !== bj) changed++;
      labels[i] = bj;
    }
    return changed;
  };
  for (let it = 0; it < maxIter; it++) {
    const changed = assign();
    const next = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < m.rows; i++) {
      counts[labels[i]!]!++;
      for (let c = 0; c < d; c++) next[labels[i]! * d + c]! += m.data[i * d + c]!;
    }
    for (let j = 0; j < k * d; j++) next[j] = counts[Math.floor(j / d)]! ? next[j]! / counts[Math.floor(j / d)]! : centres[j]!;
    centres = next;
    if (changed === 0) return { labels, centres };
  }
  assign();
  return { labels, centres };
}

const four = [
  [0, 0],
  [10, 0],
  [0, 10],
  [10, 10],
];

describe("k-means++", () => {
  it("puts one initial centre in each of four far-apart groups, the same for the same seed", () => {
    const m = blobs(four, 50, 0.3, 1);
    for (const seed of [1, 2, 3]) {
      const c = kmeansPlusPlusCentres(m, 4, seed);
      const groups = new Set(Array.from({ length: 4 }, (_, j) => `${Math.round(c[j * 2]! / 10)},${Math.round(c[j * 2 + 1]! / 10)}`));
      expect(groups.size).toBe(4);
      expect(kmeansPlusPlusCentres(m, 4, seed)).toEqual(c);
    }
  });

  it("draws only data points as centres", () => {
    const m = blobs(four, 20, 2, 5);
    const c = kmeansPlusPlusCentres(m, 6, 9);
    const rows = new Set(Array.from({ length: m.rows }, (_, i) => `${m.data[i * 2]},${m.data[i * 2 + 1]}`));
    for (let j = 0; j < 6; j++) expect(rows.has(`${c[j * 2]},${c[j * 2 + 1]}`)).toBe(true);
  });
});

describe("kmeans", () => {
  it("recovers four groups; inertia is the sum of squared distances to the centres", () => {
    const m = blobs(four, 40, 0.5, 2);
    const r = kmeans(m, { k: 4, seed: 3, nInit: 4 });
    for (let b = 0; b < 4; b++) expect(new Set(r.labels.subarray(b * 40, (b + 1) * 40)).size).toBe(1);
    expect(new Set(r.labels).size).toBe(4);
    expect(r.inertia).toBeCloseTo(inertia(m, r.labels, r.centres), 9);
  });

  it("inertia of a hand-made case", () => {
    const m = fromRows([
      [0, 0],
      [2, 0],
      [10, 1],
    ]);
    expect(inertia(m, Int32Array.from([0, 0, 1]), Float64Array.from([1, 0, 10, 0]))).toBe(1 + 1 + 1);
  });

  it("gives the labels and centres of plain Lloyd from the same initial centres (the bounds skip work, not answers)", () => {
    const m = blobs(
      [
        [0, 0, 0],
        [3, 1, 0],
        [1, 3, 2],
        [4, 4, 4],
        [2, 0, 3],
      ],
      300,
      1.4,
      7,
    );
    const init = kmeansPlusPlusCentres(m, 7, 11);
    const ours = kmeans(m, { k: 7, seed: 0, init, maxIter: 100, tol: 0 });
    const ref = naiveLloyd(m, init, 7, 100);
    expect(Array.from(ours.labels)).toEqual(Array.from(ref.labels));
    for (let j = 0; j < ref.centres.length; j++) expect(ours.centres[j]).toBeCloseTo(ref.centres[j]!, 10);
  });

  it("is deterministic for a seed; more initialisations never end worse than the first", () => {
    const m = blobs(four, 60, 3, 4);
    const a = kmeans(m, { k: 5, seed: 8 });
    expect(kmeans(m, { k: 5, seed: 8 })).toEqual(a);
    expect(kmeans(m, { k: 5, seed: 8, nInit: 10 }).inertia).toBeLessThanOrEqual(a.inertia);
  });

  it("moves an empty cluster's centre to the point farthest from its centre", () => {
    const m = fromRows([
      [0, 0],
      [1, 0],
      [0, 1],
      [20, 20],
      [21, 20],
    ]);
    const r = kmeans(m, { k: 3, seed: 0, init: Float64Array.from([0, 0, 20, 20, 500, 500]) });
    expect(new Set(r.labels).size).toBe(3);
    expect(r.inertia).toBeLessThan(3);
  });

  it("rejects a population smaller than k, and stops when cancelled", () => {
    const m = fromRows([[0], [1]]);
    expect(() => kmeans(m, { k: 3, seed: 0 })).toThrow(ClusteringInputError);
    expect(() => kmeans(m, { k: 3, seed: 0 })).toThrow(/population \(2 customers\) is smaller than k = 3/);
    const controller = new AbortController();
    controller.abort();
    expect(() => kmeans(blobs(four, 10, 1, 1), { k: 2, seed: 0, signal: controller.signal })).toThrow();
  });

  it("kmeansAsync on worker threads gives exactly the in-thread result, keeps the event loop free, reports progress", async () => {
    const m = blobs(
      four.map(([x, y]) => [x!, y!, x! - y!]),
      THREAD_MIN_ROWS / 4 + 100,
      3,
      6,
    );
    const sync = kmeans(m, { k: 4, seed: 5, maxIter: 15 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const progress: number[] = [];
    const threaded = await kmeansAsync(m, { k: 4, seed: 5, maxIter: 15, threads: 2, onProgress: (f) => progress.push(f) });
    clearInterval(timer);
    expect(threaded.inertia).toBe(sync.inertia);
    expect(threaded.labels).toEqual(sync.labels);
    expect(threaded.centres).toEqual(sync.centres);
    // k-means++ drawn on a sample of the rows: same again.
    const sampledSync = kmeans(m, { k: 4, seed: 5, maxIter: 15, initSampleRows: 20_000 });
    const sampledThreaded = await kmeansAsync(m, { k: 4, seed: 5, maxIter: 15, initSampleRows: 20_000, threads: 2 });
    expect(sampledThreaded.labels).toEqual(sampledSync.labels);
    expect(sampledThreaded.inertia).toBe(sampledSync.inertia);
    expect(ticks).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  }, 60_000);

  it("kmeansAsync can be cancelled midway", async () => {
    const m = blobs(four, THREAD_MIN_ROWS / 4 + 10, 4, 3);
    const controller = new AbortController();
    const run = kmeansAsync(m, { k: 6, seed: 1, nInit: 50, signal: controller.signal, onProgress: (f) => f > 0.02 && controller.abort() });
    await expect(run).rejects.toThrow();
  }, 60_000);

  it("a script that used kmeansAsync still exits by itself (idle threads do not hold the process)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tailor-kmeans-exit-"));
    try {
      const script = path.join(dir, "run.mts");
      const lib = path.resolve(import.meta.dirname, "kmeans.ts");
      writeFileSync(
        script,
        `import { kmeansAsync } from ${JSON.stringify(lib)};\n` +
          `const n = ${THREAD_MIN_ROWS + 10}; const data = new Float64Array(n * 2).map((_, i) => (i * 7919) % 101);\n` +
          `const r = await kmeansAsync({ rows: n, cols: 2, data }, { k: 3, seed: 1, threads: 2 });\nconsole.log("labels", r.labels.length);\n`,
      );
      const out = execFileSync(process.execPath, ["--import", "tsx", script], {
        encoding: "utf8",
        timeout: 50_000,
        cwd: path.resolve(import.meta.dirname, "../../.."),
      });
      expect(out).toContain(`labels ${THREAD_MIN_ROWS + 10}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
