// npm run bench:scoring — in one run, on the same data:
//  1. BG/NBD + Gamma-Gamma fitted on 1,000,000 simulated customers (known parameters), then every
//     customer scored (P(alive), expected purchases in 12 months, 12-month CLV at 1 %/month),
//     beside an independent SciPy fit of the same summaries (vectorized numpy log-likelihoods with
//     scipy.special gammaln/psi gradients, L-BFGS-B, as the lifetimes package fits them);
//  2. the churn model's gradient-boosted trees trained on 1,000,000 rows (18 features, interacting
//     signal) beside scikit-learn's HistGradientBoostingClassifier() with default settings on the
//     same rows and features, AUC of both on 200,000 further held-out rows.
// Prints wall time, CPU time (all threads) and per-unit figures, with the load average.
// Options: --customers N, --rows N (training rows; a fifth as many more are held out), --only training
// (the trees and scikit-learn alone, with the CPU time of every thread). Python: SKLEARN_PYTHON or /usr/bin/python3 (python3-sklearn).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Rng } from "../../lib/demo/prng";
import { bgnbdExpectedPurchases, bgnbdProbabilityAlive, fitBgnbd } from "../../lib/scoring/models/bgnbd";
import { rocAuc } from "../../lib/scoring/models/classification-metrics";
import { customerLifetimeValue } from "../../lib/scoring/models/customer-lifetime-value";
import { fitGammaGamma, gammaGammaExpectedSpend } from "../../lib/scoring/models/gamma-gamma";
import { fitHistGradientBoosting, predictBoosting } from "../../lib/scoring/models/hist-gradient-boosting";
import { simulateBgnbd } from "../../lib/scoring/models/simulate-bgnbd";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "1000000" },
    rows: { type: "string", default: "1000000" },
    only: { type: "string" },
  },
});
if (values.only !== undefined && values.only !== "training") throw new Error(`--only takes "training", not "${values.only}".`);
const TRAINING_ONLY = values.only === "training";
const CUSTOMERS = TRAINING_ONLY ? 0 : Number(values.customers);
const ROWS = Number(values.rows);
const COLS = 18;
const VALIDATION = Math.round(ROWS * 0.2);
const TOTAL_ROWS = ROWS + VALIDATION;
const PYTHON = process.env.SKLEARN_PYTHON ?? "/usr/bin/python3";
const here = path.dirname(new URL(import.meta.url).pathname);

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
function timed<T>(fn: () => T): { value: T; seconds: number; cpu: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}
const s = (x: number) => `${x.toFixed(2)} s`;

console.log(
  `bench:scoring — ${CUSTOMERS.toLocaleString("en")} customers, ${ROWS.toLocaleString("en")} × ${COLS} training rows; ${cpus().length} CPUs; load average at start ${load()}`,
);

// 1. BG/NBD + Gamma-Gamma (skipped with --only training)
const clv = TRAINING_ONLY ? null : fitAndScoreClv();
function fitAndScoreClv() {
  const sim = simulateBgnbd({
    params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    customers: CUSTOMERS,
    minT: 30,
    maxT: 365,
    seed: 2026,
    spend: { p: 6.25, q: 3.74, v: 15.44 },
  });
  const bgnbdFit = timed(() => fitBgnbd(sim));
  const repeatCustomers = sim.frequency.filter((x) => x > 0).length;
  const ggFit = timed(() => {
    const keep = Array.from(sim.frequency.keys()).filter((i) => sim.frequency[i]! > 0);
    return fitGammaGamma({
      frequency: Float64Array.from(keep, (i) => sim.frequency[i]!),
      monetary: Float64Array.from(keep, (i) => sim.monetary[i]!),
    });
  });
  const fit = { seconds: bgnbdFit.seconds + ggFit.seconds, cpu: bgnbdFit.cpu + ggFit.cpu };
  const bgnbd = bgnbdFit.value;
  const gg = ggFit.value;
  const score = timed(() => {
    let total = 0;
    for (let i = 0; i < CUSTOMERS; i++) {
      const x = sim.frequency[i]!;
      const tx = sim.recency[i]!;
      const T = sim.T[i]!;
      total += bgnbdProbabilityAlive(bgnbd, x, tx, T) + bgnbdExpectedPurchases(bgnbd, 360, x, tx, T);
      total += customerLifetimeValue({
        bgnbd,
        x,
        tx,
        T,
        expectedSpend: gammaGammaExpectedSpend(gg, x, sim.monetary[i]!),
        months: 12,
        monthlyDiscountRate: 0.01,
      });
    }
    return total;
  });
  return { sim, bgnbdFit, ggFit, repeatCustomers, fit, bgnbd, gg, score };
}

// 2. Boosted trees on 1M rows
const rng = new Rng(77);
const features = new Float64Array(TOTAL_ROWS * COLS);
const labels = new Uint8Array(TOTAL_ROWS);
for (let i = 0; i < TOTAL_ROWS; i++) {
  const f = Array.from({ length: COLS }, (_, j) => (j % 3 === 0 ? Math.floor(-Math.log(1 - rng.next()) * (j + 2)) : rng.normal()));
  features.set(f, i * COLS);
  const z = 0.9 * f[1]! - 0.6 * f[2]! + (f[4]! > 0.3 && f[0]! > 2 ? 1.4 : -0.3) + 0.2 * Math.min(f[3]!, 10) - 0.4 * f[5]! * f[7]! - 0.5;
  labels[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
}
const names = Array.from({ length: COLS }, (_, j) => `f${j}`);
const train = ROWS;
const trainData = { x: { rows: train, cols: COLS, values: features.subarray(0, train * COLS), names }, y: labels.subarray(0, train) };
const boost = timed(() => fitHistGradientBoosting(trainData));
const validationX = { rows: VALIDATION, cols: COLS, values: features.subarray(train * COLS), names };
const auc = rocAuc(predictBoosting(boost.value, validationX), labels.subarray(train));

console.log("");
if (clv) {
  const { bgnbdFit, bgnbd, repeatCustomers, ggFit, gg, score, fit } = clv;
  console.log(
    `BG/NBD fit (${CUSTOMERS.toLocaleString("en")} customers): ${s(bgnbdFit.seconds)} wall, ${s(bgnbdFit.cpu)} CPU, ${bgnbd.iterations} iterations, r=${bgnbd.r.toFixed(4)} alpha=${bgnbd.alpha.toFixed(4)} a=${bgnbd.a.toFixed(4)} b=${bgnbd.b.toFixed(4)}, log-likelihood ${bgnbd.logLikelihood.toFixed(2)} (target: under 10 s)`,
  );
  console.log(
    `Gamma-Gamma fit (${repeatCustomers.toLocaleString("en")} repeat customers): ${s(ggFit.seconds)} wall, ${s(ggFit.cpu)} CPU, p=${gg.p.toFixed(3)} q=${gg.q.toFixed(3)} v=${gg.v.toFixed(3)}, log-likelihood ${gg.logLikelihood.toFixed(2)}`,
  );
  console.log(
    `Scoring ${CUSTOMERS.toLocaleString("en")} customers (P(alive), 12-month purchases, 12-month CLV): ${s(score.seconds)} wall, ${s(score.cpu)} CPU, ${((score.cpu / CUSTOMERS) * 1e6).toFixed(2)} µs CPU per customer`,
  );
  console.log(`Total fit + score: ${s(fit.seconds + score.seconds)} wall, ${s(fit.cpu + score.cpu)} CPU (target: scoring 1M under 60 s)`);
}
console.log(
  `Churn model, gradient-boosted trees (${train.toLocaleString("en")} training rows × ${COLS}): ${s(boost.seconds)} wall, ${s(boost.cpu)} CPU, ${boost.value.iterations} trees, AUC ${auc.toFixed(4)} on ${VALIDATION.toLocaleString("en")} held-out rows`,
);
console.log(`load average before the reference ${load()}`);

// The reference, on the same data, in the same run.
const dir = mkdtempSync(path.join(tmpdir(), "tailor-bench-scoring-"));
const write = (name: string, a: Float64Array | Uint8Array) =>
  writeFileSync(path.join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
if (clv) {
  write("x.f64", clv.sim.frequency);
  write("tx.f64", clv.sim.recency);
  write("T.f64", clv.sim.T);
  write("m.f64", clv.sim.monetary);
}
write("features.f64", features);
write("labels.u8", labels);
writeFileSync(path.join(dir, "split.json"), JSON.stringify({ train }));
let ref: {
  fit?: {
    seconds: number;
    cpu: number;
    bgnbd_seconds: number;
    bgnbd_cpu: number;
    bgnbd_evaluations: number;
    log_likelihood: number;
    bgnbd: number[];
    gamma_gamma: number[];
  };
  boosting: { seconds: number; cpu: number; auc: number; iterations: number };
} | null = null;
try {
  ref = JSON.parse(
    execFileSync(PYTHON, [path.join(here, "../sklearn/bench_scoring.py"), dir, String(CUSTOMERS), String(TOTAL_ROWS), String(COLS)], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    }),
  );
} catch (e) {
  console.log(`(scikit-learn side not run: ${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (ref?.fit && clv)
  console.log(
    `  SciPy (L-BFGS-B, vectorized numpy likelihoods and gradients): BG/NBD ${s(ref.fit.bgnbd_seconds)} wall, ${s(ref.fit.bgnbd_cpu)} CPU, ${ref.fit.bgnbd_evaluations} evaluations, r, alpha, a, b = ${ref.fit.bgnbd.map((v) => v.toFixed(4)).join(", ")}, log-likelihood ${ref.fit.log_likelihood.toFixed(2)}; with Gamma-Gamma ${s(ref.fit.seconds)} wall, ${s(ref.fit.cpu)} CPU, p, q, v = ${ref.fit.gamma_gamma.map((v) => v.toFixed(3)).join(", ")}; BG/NBD time ratio ${(clv.bgnbdFit.seconds / ref.fit.bgnbd_seconds).toFixed(2)}`,
  );
if (ref)
  console.log(
    `  scikit-learn HistGradientBoostingClassifier(): ${s(ref.boosting.seconds)} wall, ${s(ref.boosting.cpu)} CPU, ${ref.boosting.iterations} trees, validation AUC ${ref.boosting.auc.toFixed(4)}; ratio ${(boost.seconds / ref.boosting.seconds).toFixed(2)} wall, ${(boost.cpu / ref.boosting.cpu).toFixed(2)} CPU, AUC difference ${(auc - ref.boosting.auc).toFixed(4)} (targets: ≤ 2×, within 0.02)`,
  );
console.log(`load average at end ${load()}`);
