import { describeClusterFeature, type ClusterRunInput } from "@/lib/clustering/runs/schemas";

/** "K-Means, k = 5, 10 initialisations" and the like, for lists and headers. */
export function describeAlgorithm(p: ClusterRunInput): string {
  const a = p.algorithm;
  if (a.kind === "kmeans") return `K-Means, ${a.k ? `k = ${a.k}` : "suggested k"}, ${a.nInit} initialisations`;
  if (a.kind === "ward")
    return `Ward on a sample of ${a.sampleSize.toLocaleString("en-GB")}, cut ${a.cut.by === "k" ? `into k = ${a.cut.k}` : `at height ${a.cut.height}`}`;
  return `DBSCAN on a sample of ${a.sampleSize.toLocaleString("en-GB")}, eps = ${a.eps}, minPts = ${a.minPts}`;
}

export function describePreprocessing(p: ClusterRunInput): string {
  const pre = p.preprocessing;
  const never =
    pre.neverPurchased === "separate"
      ? "customers who never purchased kept apart as their own group"
      : "customers who never purchased clustered with the others";
  const missing = {
    drop: "customers with a missing value left out",
    median: "missing values → median",
    mean: "missing values → mean",
    zero: "missing values → 0",
  }[pre.missing];
  const log = pre.log.length
    ? `log of ${pre.log.map((k) => describeClusterFeature(k).label.toLowerCase()).join(", ")}`
    : "no log transform";
  const scaling = { zscore: "z-score scaling", minmax: "min-max scaling", none: "no scaling" }[pre.scaling];
  return [never, missing, log, scaling, pre.pca ? `PCA to ${pre.pca} components` : null].filter(Boolean).join(" · ");
}

export const featureList = (p: ClusterRunInput) => p.features.map((k) => describeClusterFeature(k).label).join(", ");

/** Numbers in tables: up to 2 decimals, thousands separated. */
export const fmt = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v)
    ? "–"
    : v.toLocaleString("en-GB", { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 });
