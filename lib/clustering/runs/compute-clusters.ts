import { assignNearest, assignToCorePoints } from "../algorithms/assign";
import { dbscan, kDistances } from "../algorithms/dbscan";
import { elbow, suggestK } from "../algorithms/elbow";
import { kmeansAsync } from "../algorithms/kmeans";
import { ClusteringInputError, takeRows, type Matrix } from "../algorithms/matrix";
import { pca } from "../algorithms/pca";
import { preprocess } from "../algorithms/preprocess";
import { sampleRows } from "../algorithms/random";
import { silhouette } from "../algorithms/silhouette";
import { MAX_TREE_CLUSTERS, truncateTree } from "../algorithms/dendrogram";
import { cutTree, ward, type Merge } from "../algorithms/ward";
import { profileClusters } from "./profile-clusters";
import {
  describeClusterFeature,
  NEVER_PURCHASED,
  SILHOUETTE_SAMPLE,
  type ClusterResults,
  type ClusterRunInput,
  type ElbowRow,
} from "./schemas";

/** The elbow runs K-Means for every k on at most this many customers (a seeded sample above). */
export const ELBOW_SAMPLE = 20_000;
const SCATTER_POINTS = 1500;
/** Leaves of the dendrogram drawn on the run page (its last DENDROGRAM_LEAVES − 1 merges). */
const DENDROGRAM_LEAVES = 40;

export interface ComputeOutput {
  /** Cluster per loaded row: −1 DBSCAN noise, −2 dropped (a missing value with missing = "drop"), −3 never purchased (kept apart). */
  labels: Int16Array;
  results: Omit<ClusterResults, "timings" | "report"> & { report: Omit<ClusterResults["report"], "excludedByConsent"> };
}

type Progress = (phase: string, percent: number) => void;

function centresOf(m: Matrix, labels: Int32Array, k: number): Float64Array {
  const centres = new Float64Array(k * m.cols);
  const counts = new Float64Array(k);
  for (let i = 0; i < m.rows; i++) {
    const c = labels[i]!;
    if (c < 0) continue;
    counts[c]!++;
    for (let j = 0; j < m.cols; j++) centres[c * m.cols + j]! += m.data[i * m.cols + j]!;
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < m.cols; j++) centres[c * m.cols + j]! /= counts[c] || 1;
  return centres;
}

/** The sampled rows keep the cluster the algorithm gave them (the cut tree, DBSCAN's labels); the others keep the assignment. */
function keepSampleLabels(assigned: Int32Array, sampleRowsIdx: Int32Array, sampleLabels: Int32Array): Int32Array {
  for (let i = 0; i < sampleRowsIdx.length; i++) assigned[sampleRowsIdx[i]!] = sampleLabels[i]!;
  return assigned;
}

const round3 = (x: number) => Number(x.toPrecision(3));

/** A height cut must leave 2 to MAX_TREE_CLUSTERS clusters; the message names the heights that do. */
function checkHeightCut(merges: Merge[], height: number, k: number): void {
  const n = merges.length + 1;
  if (k < 2)
    throw new ClusteringInputError(
      "height",
      `Cutting the tree at height ${height} leaves one cluster: cut below ${round3(merges.at(-1)!.height)} (the highest merge, shown on the dendrogram).`,
    );
  if (k > MAX_TREE_CLUSTERS) {
    const lowest = merges[n - MAX_TREE_CLUSTERS - 1]!.height;
    throw new ClusteringInputError(
      "height",
      `Cutting the tree at height ${height} gives ${k} clusters, more than the ${MAX_TREE_CLUSTERS} a run can profile: cut at ${round3(lowest)} or higher, or cut into a number of clusters instead.`,
    );
  }
}

/**
 * With neverPurchased = "separate" (and who purchased known), the rows of customers who purchased,
 * and the others kept apart; otherwise every row. `original` maps a clustered row to the loaded one.
 */
function keepNeverPurchasedApart(opts: { values: Float64Array; rows: number; purchased?: Uint8Array; input: ClusterRunInput }) {
  const all = { values: opts.values, rows: opts.rows, apartRows: [] as number[], separated: false, original: (r: number) => r };
  if (opts.input.preprocessing.neverPurchased !== "separate" || !opts.purchased) return all;
  const d = opts.input.features.length;
  const clustered: number[] = [];
  const apartRows: number[] = [];
  for (let i = 0; i < opts.rows; i++) (opts.purchased[i] ? clustered : apartRows).push(i);
  if (clustered.length === 0)
    throw new ClusteringInputError(
      "neverPurchased",
      "No one in this population has purchased yet, and customers who never purchased are kept apart: cluster them with the others (preprocessing), choose features that are not about purchases, or import orders first.",
    );
  const values = new Float64Array(clustered.length * d);
  clustered.forEach((i, r) => values.set(opts.values.subarray(i * d, (i + 1) * d), r * d));
  return { values, rows: clustered.length, apartRows, separated: true, original: (r: number) => clustered[r]! };
}

const rowsOf = (flat: Float64Array, cols: number): number[][] =>
  Array.from({ length: flat.length / cols }, (_, r) => Array.from(flat.subarray(r * cols, (r + 1) * cols)));

/**
 * The whole computation of a run on values already in memory (no database): preprocessing, the
 * elbow, the chosen algorithm, assignment of everyone to a cluster, silhouette, a 2-D PCA sample
 * and the cluster profiles. Same data and seed give the same result. Runs in a worker thread.
 */
export async function computeClusters(opts: {
  values: Float64Array;
  rows: number;
  /** Per row, 1 when the customer has purchased: with neverPurchased = "separate" the others are kept apart (−3). */
  purchased?: Uint8Array;
  input: ClusterRunInput;
  onProgress?: Progress;
  signal?: AbortSignal;
}): Promise<ComputeOutput> {
  const { input, signal } = opts;
  const progress: Progress = opts.onProgress ?? (() => undefined);
  const seed = input.seed;
  const algo = input.algorithm;
  progress("Preprocessing", 22);
  const apart = keepNeverPurchasedApart(opts);
  const { rows, values } = apart;
  const columns = input.features.map((key) => ({ key, skewed: describeClusterFeature(key).skewed }));
  const pre = preprocess(
    { columns, values, rows },
    {
      missing: input.preprocessing.missing,
      log: input.preprocessing.log,
      scaling: input.preprocessing.scaling,
      pca: input.preprocessing.pca ?? undefined,
    },
  );
  const m = pre.matrix;
  const n = m.rows;
  const wantK = algo.kind === "kmeans" ? algo.k : algo.kind === "ward" && algo.cut.by === "k" ? algo.cut.k : null;
  if (wantK !== null && n < wantK)
    throw new ClusteringInputError(
      "k",
      `Only ${n} customers can be clustered here, fewer than k = ${wantK}: choose a smaller k or a larger population.`,
    );
  if (n < 3) throw new ClusteringInputError("population", `Only ${n} customers can be clustered here: choose a larger population.`);
  signal?.throwIfAborted();

  // Elbow: inertia and silhouette for each k, on a seeded sample for large populations.
  let elbowRows: ElbowRow[] = [];
  let suggestedK: number | null = null;
  if (algo.kind === "kmeans") {
    const sampled = n > ELBOW_SAMPLE;
    const em = sampled ? takeRows(m, sampleRows(n, ELBOW_SAMPLE, seed)) : m;
    const kMax = Math.min(input.elbowMaxK, em.rows - 1);
    if (kMax >= 2) {
      const rowsOut = await elbow(em, {
        kMin: 2,
        kMax,
        seed,
        nInit: 3,
        signal,
        onProgress: (f: number) =>
          progress(`Elbow: K-Means for k = ${Math.min(kMax, 2 + Math.floor(f * (kMax - 1)))} (of 2…${kMax})`, 25 + Math.round(f * 30)),
      });
      elbowRows = rowsOut.map((r) => ({
        k: r.k,
        inertia: sampled ? (r.inertia * n) / em.rows : r.inertia,
        silhouette: Number.isFinite(r.silhouette) ? r.silhouette : null,
        sampled: sampled || r.sampled,
      }));
      suggestedK = suggestK(rowsOut);
    }
  }
  signal?.throwIfAborted();

  let labels: Int32Array;
  let centres: Float64Array;
  let k: number;
  let inertia: number | null = null;
  let tree: ClusterResults["tree"] = null;
  let kDist: number[] | null = null;
  let sampleSize: number | null = null;
  if (algo.kind === "kmeans") {
    k = algo.k ?? suggestedK ?? 4;
    if (n < k) throw new ClusteringInputError("k", `Only ${n} customers can be clustered here, fewer than k = ${k}: choose a smaller k.`);
    progress(`K-Means with k = ${k}`, 56);
    const km = await kmeansAsync(m, {
      k,
      nInit: algo.nInit,
      maxIter: algo.maxIter,
      tol: 1e-4,
      seed,
      signal,
      onProgress: (f: number) => progress(`K-Means with k = ${k}`, 56 + Math.round(f * 29)),
    });
    labels = km.labels;
    centres = km.centres;
    inertia = km.inertia;
  } else {
    const size = Math.min(n, algo.sampleSize);
    sampleSize = size;
    const idx = size < n ? sampleRows(n, size, seed) : Int32Array.from({ length: n }, (_, i) => i);
    const sm = takeRows(m, idx);
    if (algo.kind === "ward") {
      progress(`Ward on a sample of ${size}`, 40);
      const { merges } = ward(sm);
      const cutLabels = Int32Array.from(cutTree(merges, sm.rows, algo.cut.by === "k" ? { k: algo.cut.k } : { height: algo.cut.height }));
      k = Math.max(...cutLabels) + 1;
      if (algo.cut.by === "height") checkHeightCut(merges, algo.cut.height, k);
      centres = centresOf(sm, cutLabels, k);
      tree = truncateTree(merges, sm.rows, DENDROGRAM_LEAVES);
      progress("Assigning the rest to the nearest centre", 75);
      labels = keepSampleLabels(assignNearest(m, { rows: k, cols: m.cols, data: centres }), idx, cutLabels);
    } else {
      progress(`DBSCAN on a sample of ${size}`, 40);
      kDist = Array.from(kDistances(sm, algo.minPts)).sort((a, b) => b - a);
      const db = dbscan(sm, { eps: algo.eps, minPts: algo.minPts });
      const sampleLabels = Int32Array.from(db.labels);
      k = Math.max(-1, ...sampleLabels) + 1;
      if (k === 0)
        throw new ClusteringInputError(
          "eps",
          `With eps = ${algo.eps} and minPts = ${algo.minPts} every sampled customer is noise: raise eps (the k-distance chart's knee is a good value) or lower minPts.`,
        );
      centres = centresOf(sm, sampleLabels, k);
      progress("Assigning the rest to the nearest core point", 75);
      labels = keepSampleLabels(assignToCorePoints(m, sm, { labels: sampleLabels, core: db.core }, algo.eps), idx, sampleLabels);
    }
  }
  signal?.throwIfAborted();

  progress("Silhouette", 86);
  const valid: number[] = [];
  for (let i = 0; i < n; i++) if (labels[i]! >= 0) valid.push(i);
  const sil =
    k >= 2 && valid.length > k
      ? silhouette(valid.length === n ? m : takeRows(m, valid), valid.length === n ? labels : Int32Array.from(valid, (i) => labels[i]!), {
          sampleSize: SILHOUETTE_SAMPLE,
          seed,
        })
      : null;
  signal?.throwIfAborted();

  progress("Profiles and scatter", 92);
  const out = new Int16Array(opts.rows).fill(-2);
  for (const i of apart.apartRows) out[i] = NEVER_PURCHASED;
  for (let r = 0; r < n; r++) out[apart.original(pre.keptRows[r]!)] = labels[r]!;
  // Profiles on the raw values of the customers kept (missing ones counted as filled).
  const d = input.features.length;
  const kept = new Float64Array(n * d);
  for (let r = 0; r < n; r++) kept.set(values.subarray(pre.keptRows[r]! * d, (pre.keptRows[r]! + 1) * d), r * d);
  const purchased = opts.purchased
    ? Uint8Array.from({ length: n }, (_, r) => opts.purchased![apart.original(pre.keptRows[r]!)]!)
    : undefined;
  const prof = profileClusters({ values: kept, rows: n, features: input.features, labels, k, purchased });
  let noise = 0;
  for (let i = 0; i < n; i++) if (labels[i]! < 0) noise++;

  const scatterIdx = n > SCATTER_POINTS ? sampleRows(n, SCATTER_POINTS, seed + 1) : Int32Array.from({ length: n }, (_, i) => i);
  const sc = takeRows(m, scatterIdx);
  let scatter: ClusterResults["scatter"] = [];
  let scatterVariance: [number, number] | null = null;
  if (m.cols >= 2) {
    const p = pca(m.rows > 50_000 ? takeRows(m, sampleRows(n, 50_000, seed + 2)) : m, 2);
    const projected = p.project(sc);
    scatter = Array.from(scatterIdx, (row, i) => ({ x: projected.data[i * 2]!, y: projected.data[i * 2 + 1]!, cluster: labels[row]! }));
    scatterVariance = [p.explainedVarianceRatio[0] ?? 0, p.explainedVarianceRatio[1] ?? 0];
  }
  const centreRows = rowsOf(centres, m.cols);
  return {
    labels: out,
    results: {
      features: input.features,
      report: { clipped: pre.report.clipped, dropped: pre.report.dropped, explainedVariance: pre.report.explainedVariance ?? null },
      elbow: elbowRows,
      suggestedK,
      k,
      sizes: prof.sizes,
      noise,
      ...(opts.purchased ? { neverPurchased: apart.apartRows.length } : {}),
      silhouette: sil ? { score: sil.score, sampled: sil.sampled, sampleSize: sil.sampleSize } : null,
      inertia,
      centres: centreRows,
      population: prof.population,
      profiles: prof.profiles,
      scatter,
      scatterVariance,
      tree,
      kDistances: kDist ? (kDist.length > 400 ? kDist.filter((_, i) => i % Math.ceil(kDist!.length / 400) === 0) : kDist) : null,
      sampleSize,
      live: {
        preprocess: {
          columns: pre.model.columns.map((c) => ({ key: c.key, fill: c.fill, log: c.log, centre: c.centre, scale: c.scale })),
          pca: pre.model.pca ? { mean: pre.model.pca.mean, components: pre.model.pca.components } : null,
        },
        centres: centreRows,
        ...(apart.separated ? { purchasersOnly: true } : {}),
      },
    },
  };
}
