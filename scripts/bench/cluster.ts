// npm run bench:cluster — generates 1,000,000 × 6 features (seeded Gaussian blobs) and times, in the
// same run and in memory, the project's K-Means (kmeansAsync: worker threads) and scikit-learn's
// (Debian's python3-sklearn via /usr/bin/python3): k = 8, max_iter = 20, tol = 0, one k-means++
// initialisation included in both timings, lloyd. Prints every run, the medians, both inertias
// and `ratio <project/sklearn>`. Options: --rows N, --runs N (default 3), --threads N,
// --init-sample N (draw k-means++ from a seeded sample of N rows; default: all rows, as scikit-learn).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRandom } from "../../lib/clustering/algorithms/random";
import { kmeansAsync } from "../../lib/clustering/algorithms/kmeans";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    runs: { type: "string", default: "3" },
    threads: { type: "string" },
    "init-sample": { type: "string" },
  },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const COLS = 6;
const K = 8;
const PYTHON = process.env.SKLEARN_PYTHON ?? "/usr/bin/python3";

// Data: 8 blobs with unequal spreads and sizes (overlapping a little), written straight into a
// SharedArrayBuffer so the worker threads read it without a copy.
const random = createRandom(20261123);
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const blobs = Array.from({ length: K }, () => Array.from({ length: COLS }, () => (random() - 0.5) * 12));
const spread = Array.from({ length: K }, () => 0.6 + random());
const data = new Float64Array(new SharedArrayBuffer(ROWS * COLS * 8));
for (let i = 0; i < ROWS; i++) {
  const b = Math.floor(random() ** 1.5 * K);
  for (let c = 0; c < COLS; c++) data[i * COLS + c] = blobs[b]![c]! + spread[b]! * gauss();
}
const m = { rows: ROWS, cols: COLS, data };

const dir = mkdtempSync(path.join(tmpdir(), "tailor-bench-cluster-"));
const file = path.join(dir, "x.f64");
writeFileSync(file, new Uint8Array(data.buffer, 0, data.byteLength));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `bench:cluster — ${ROWS.toLocaleString("en")} × ${COLS}, k = ${K}, max_iter 20, tol 0, 1 k-means++ init, lloyd; ${RUNS} runs each, alternating`,
);
console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
const ours: { seconds: number; inertia: number; iterations: number }[] = [];
const theirs: { seconds: number; cpu: number; inertia: number; iterations: number }[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await kmeansAsync(m, {
      k: K,
      seed: run,
      nInit: 1,
      maxIter: 20,
      tol: 0,
      threads: values.threads ? Number(values.threads) : undefined,
      initSampleRows: values["init-sample"] ? Number(values["init-sample"]) : undefined,
    });
    ours.push({ seconds: (performance.now() - started) / 1000, inertia: r.inertia, iterations: r.iterations });
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `project  run ${run + 1}: ${ours[run]!.seconds.toFixed(3)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s, all threads), inertia ${r.inertia.toFixed(1)}, ${r.iterations} iterations`,
    );
    const out = execFileSync(
      PYTHON,
      [path.resolve(import.meta.dirname, "../sklearn/bench_kmeans.py"), file, String(COLS), String(K), "1"],
      { encoding: "utf8" },
    );
    const s = JSON.parse(out.trim().split("\n").pop()!) as { seconds: number; cpu: number; inertia: number; iterations: number };
    theirs.push(s);
    console.log(
      `sklearn  run ${run + 1}: ${s.seconds.toFixed(3)} s (CPU ${s.cpu.toFixed(3)} s, all threads), inertia ${s.inertia.toFixed(1)}, ${s.iterations} iterations`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const ourTime = median(ours.map((r) => r.seconds));
const theirTime = median(theirs.map((r) => r.seconds));
const ourInertia = Math.min(...ours.map((r) => r.inertia));
const theirInertia = Math.min(...theirs.map((r) => r.inertia));
console.log(`project: median ${ourTime.toFixed(3)} s, best inertia ${ourInertia.toFixed(1)}`);
console.log(`sklearn: median ${theirTime.toFixed(3)} s, best inertia ${theirInertia.toFixed(1)}`);
console.log(
  `inertia ratio ${(ourInertia / theirInertia).toFixed(4)} (median run: ${(median(ours.map((r) => r.inertia)) / median(theirs.map((r) => r.inertia))).toFixed(4)})`,
);
console.log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
console.log(`ratio ${(ourTime / theirTime).toFixed(2)}`);
