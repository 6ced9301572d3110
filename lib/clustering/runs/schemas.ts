import { z } from "zod";
import type { TruncatedTree } from "../algorithms/dendrogram";

/**
 * What a clustering run is asked to do, and what it stores: one definition shared by the form, the
 * API, the job and the run page (client-safe: no server imports).
 */

export interface ClusterFeatureInfo {
  key: string;
  label: string;
  unit: string;
  /** Money and count features: log transform suggested. */
  skewed: boolean;
}

/** The numeric per-customer features a run can use (customer_features columns). Attributes are "attr:<key>". */
export const clusterFeatures: readonly ClusterFeatureInfo[] = [
  { key: "recency_days", label: "Days since last purchase", unit: "days", skewed: false },
  { key: "frequency", label: "Purchases", unit: "orders", skewed: true },
  { key: "monetary", label: "Net revenue", unit: "currency", skewed: true },
  { key: "avg_order_value", label: "Average order value", unit: "currency", skewed: true },
  { key: "tenure_days", label: "Days since first purchase", unit: "days", skewed: false },
  { key: "categories", label: "Categories bought", unit: "categories", skewed: true },
  { key: "opens_30", label: "Email opens (30 days)", unit: "opens", skewed: true },
  { key: "opens_90", label: "Email opens (90 days)", unit: "opens", skewed: true },
  { key: "clicks_30", label: "Email clicks (30 days)", unit: "clicks", skewed: true },
  { key: "clicks_90", label: "Email clicks (90 days)", unit: "clicks", skewed: true },
  { key: "r_score", label: "RFM recency score", unit: "score 1–5", skewed: false },
  { key: "f_score", label: "RFM frequency score", unit: "score 1–5", skewed: false },
  { key: "m_score", label: "RFM monetary score", unit: "score 1–5", skewed: false },
];

export const ATTRIBUTE_PREFIX = "attr:";
const featureKey = z
  .string()
  .max(210)
  .refine((k) => clusterFeatures.some((f) => f.key === k) || (k.startsWith(ATTRIBUTE_PREFIX) && k.length > ATTRIBUTE_PREFIX.length), {
    message: "Unknown feature: choose one from the list",
  });

/** The label and unit of a feature key (attributes: their key, no unit). */
export function describeClusterFeature(key: string): ClusterFeatureInfo {
  return (
    clusterFeatures.find((f) => f.key === key) ?? {
      key,
      label: key.startsWith(ATTRIBUTE_PREFIX) ? `Attribute ${key.slice(ATTRIBUTE_PREFIX.length)}` : key,
      unit: "",
      skewed: false,
    }
  );
}

/** Features that only exist for customers who purchased (missing or 0 for the others). */
export const purchaseFeatures: ReadonlySet<string> = new Set([
  "recency_days",
  "frequency",
  "monetary",
  "avg_order_value",
  "tenure_days",
  "categories",
  "r_score",
  "f_score",
  "m_score",
]);

/** Stored cluster numbers that are not clusters: DBSCAN's noise, and customers who never purchased kept apart. */
export const NOISE = -1;
export const NEVER_PURCHASED = -3;

/** A stored cluster number's name: the run's name for a cluster, else "Never purchased" or "Noise". */
export function clusterLabel(cluster: number, names: readonly string[]): string {
  if (cluster === NEVER_PURCHASED) return "Never purchased";
  if (cluster < 0) return "Noise";
  return names[cluster] || `Cluster ${cluster + 1}`;
}

export const missingPolicies = ["drop", "median", "mean", "zero"] as const;
/** Customers who never purchased: their own group, kept out of the clustering (default), or clustered with the rest. */
export const neverPurchasedPolicies = ["separate", "include"] as const;
export type NeverPurchasedPolicy = (typeof neverPurchasedPolicies)[number];
export const scalings = ["zscore", "minmax", "none"] as const;
export const algorithms = ["kmeans", "ward", "dbscan"] as const;
export type ClusterAlgorithm = (typeof algorithms)[number];

/** Largest sample the sample-based algorithms take (Ward is quadratic in memory, DBSCAN in time). */
export const WARD_MAX_SAMPLE = 5000;
export const DBSCAN_MAX_SAMPLE = 20000;
/** Silhouette is exact up to this many customers, then computed on a seeded sample of this size. */
export const SILHOUETTE_SAMPLE = 10000;

export const preprocessingSchema = z.object({
  /** Runs stored before this choice existed clustered everyone (see storedRunParams). */
  neverPurchased: z.enum(neverPurchasedPolicies).default("separate"),
  missing: z.enum(missingPolicies).default("median"),
  /** Features to log-transform (log1p after clipping values ≤ 0). */
  log: z.array(featureKey).max(30).default([]),
  scaling: z.enum(scalings).default("zscore"),
  /** Number of principal components to keep; null: no PCA. */
  pca: z.number().int().min(2, "PCA keeps at least 2 components").max(10).nullable().default(null),
});
export type Preprocessing = z.infer<typeof preprocessingSchema>;

export const algorithmSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("kmeans"),
    /** null: use the suggested k from the elbow. */
    k: z.number().int().min(2, "k must be at least 2").max(30, "k can be at most 30").nullable().default(null),
    nInit: z.number().int().min(1).max(50).default(10),
    maxIter: z.number().int().min(5).max(1000).default(300),
  }),
  z.object({
    kind: z.literal("ward"),
    cut: z.discriminatedUnion("by", [
      z.object({ by: z.literal("k"), k: z.number().int().min(2, "k must be at least 2").max(30, "k can be at most 30") }),
      z.object({ by: z.literal("height"), height: z.number().positive("The cut height must be more than 0").max(1e9) }),
    ]),
    sampleSize: z
      .number()
      .int()
      .min(50)
      .max(WARD_MAX_SAMPLE, `Ward works on a sample of at most ${WARD_MAX_SAMPLE} customers`)
      .default(2000),
  }),
  z.object({
    kind: z.literal("dbscan"),
    eps: z.number().positive("eps must be more than 0").max(1000, "eps is a distance in scaled units: at most 1000"),
    minPts: z.number().int().min(2, "minPts must be at least 2").max(200, "minPts can be at most 200"),
    sampleSize: z
      .number()
      .int()
      .min(50)
      .max(DBSCAN_MAX_SAMPLE, `DBSCAN works on a sample of at most ${DBSCAN_MAX_SAMPLE} customers`)
      .default(DBSCAN_MAX_SAMPLE),
  }),
]);
export type AlgorithmParams = z.infer<typeof algorithmSchema>;

export const clusterRunInputSchema = z.object({
  name: z.string().trim().max(120).default(""),
  /** null: every customer (who may be profiled). */
  segmentId: z.string().min(1).max(100).nullable().default(null),
  features: z
    .array(featureKey)
    .min(2, "Choose at least two features")
    .max(20, "At most 20 features")
    .refine((a) => new Set(a).size === a.length, "A feature is chosen twice"),
  preprocessing: preprocessingSchema.default({ neverPurchased: "separate", missing: "median", log: [], scaling: "zscore", pca: null }),
  algorithm: algorithmSchema,
  /** The elbow (inertia and silhouette for each k) is computed for k from 2 to this. */
  elbowMaxK: z.number().int().min(3).max(15).default(15),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
});
export type ClusterRunInput = z.infer<typeof clusterRunInputSchema>;

/** A stored run's parameters: those stored before the "never purchased" choice existed clustered everyone. */
export function storedRunParams(raw: unknown): ClusterRunInput {
  const pre = (raw as { preprocessing?: Record<string, unknown> } | null)?.preprocessing;
  const withChoice = pre && !("neverPurchased" in pre) ? { ...(raw as object), preprocessing: { ...pre, neverPurchased: "include" } } : raw;
  return clusterRunInputSchema.parse(withChoice);
}
export type ClusterRunInputRaw = z.input<typeof clusterRunInputSchema>;

export const clusterRunStatuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type ClusterRunStatus = (typeof clusterRunStatuses)[number];

export interface ElbowRow {
  k: number;
  inertia: number;
  silhouette: number | null;
  sampled: boolean;
}

export interface FeatureProfile {
  key: string;
  /** Of the known values (missing ones left out). */
  mean: number;
  median: number;
  /** Values that were missing and filled (median, mean or 0) for the clustering; absent in runs stored before. */
  filled?: number;
  /** (cluster mean − population mean) / population standard deviation: what stands out. */
  difference: number;
}

export interface ClusterProfile {
  cluster: number;
  size: number;
  share: number;
  features: FeatureProfile[];
  /** Feature keys with the largest |difference|, largest first. */
  standouts: string[];
  suggestedName: string;
  /** Members who never purchased (0 when they were kept apart); absent in runs stored before. */
  neverPurchased?: number;
}

/** Per-feature summary over the whole clustered population. */
export interface PopulationStats {
  key: string;
  mean: number;
  median: number;
  sd: number;
  min: number;
  max: number;
  /** Missing values filled for the clustering; absent in runs stored before. */
  filled?: number;
}

/** What a live "in cluster X of run R" condition applies in SQL: the stored preprocessing and the centres. */
export interface LiveClusterModel {
  /** The preprocessing model of lib/clustering/algorithms/preprocess.ts (per column: fill, log, centre, scale; optional PCA). */
  preprocess: {
    columns: { key: string; fill: number | null; log: boolean; centre: number; scale: number }[];
    pca: { mean: number[]; components: number[][] } | null;
  };
  /** One row per cluster, in the (possibly PCA-reduced) preprocessed space. */
  centres: number[][];
  /** The run kept customers who never purchased apart: a live segment never takes them either. */
  purchasersOnly?: boolean;
}

export interface ClusterResults {
  features: string[];
  report: { clipped: Record<string, number>; dropped: number; excludedByConsent: number; explainedVariance: number[] | null };
  elbow: ElbowRow[];
  suggestedK: number | null;
  /** The k used (kmeans/ward) or found (dbscan, without noise). */
  k: number;
  sizes: number[];
  /** DBSCAN: customers in no cluster (noise), stored as cluster −1. */
  noise: number;
  /** Customers who never purchased, kept apart as their own group (stored as cluster −3); absent in runs stored before. */
  neverPurchased?: number;
  silhouette: { score: number; sampled: boolean; sampleSize: number } | null;
  inertia: number | null;
  centres: number[][];
  population: PopulationStats[];
  profiles: ClusterProfile[];
  /** First two principal components of a sample, with its cluster. */
  scatter: { x: number; y: number; cluster: number }[];
  scatterVariance: [number, number] | null;
  /** Ward: the top of the sample's tree as the dendrogram draws it (scipy's truncate_mode="lastp"). Runs stored before it have none. */
  tree?: TruncatedTree | null;
  /** DBSCAN: the sorted distance to the minPts-th neighbour over the sample (for choosing eps). */
  kDistances: number[] | null;
  sampleSize: number | null;
  live: LiveClusterModel | null;
  timings: { loadMs: number; computeMs: number; storeMs: number };
}

export interface ClusterRunSummary {
  id: string;
  name: string;
  algorithm: ClusterAlgorithm;
  status: ClusterRunStatus;
  progress: number;
  phase: string;
  error: string | null;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  population: number | null;
  k: number | null;
  clusterNames: string[];
  params: ClusterRunInput;
}

export interface ClusterRunDetail extends ClusterRunSummary {
  results: ClusterResults | null;
}

export const isActiveRun = (r: { status: ClusterRunStatus }) => r.status === "queued" || r.status === "running";

export const renameClusterSchema = z.object({
  cluster: z.number().int().min(0).max(1000),
  name: z.string().trim().min(1, "Give the cluster a name").max(80, "At most 80 characters"),
});

export const saveClusterSegmentSchema = z.object({
  /** A cluster (0-based), NOISE or NEVER_PURCHASED. */
  cluster: z.number().int().min(NEVER_PURCHASED).max(1000),
  mode: z.enum(["snapshot", "live"]),
  name: z.string().trim().min(1, "Give the segment a name").max(120),
});

export interface RunComparison {
  a: { id: string; name: string; names: string[] };
  b: { id: string; name: string; names: string[] };
  /** Customers in cluster `from` of run A and cluster `to` of run B (−1: noise). */
  cells: { from: number; to: number; count: number }[];
  onlyInA: number;
  onlyInB: number;
  inBoth: number;
}

export interface KDistancePreview {
  /** Distance to the minPts-th neighbour, largest first, thinned to at most 200 points. */
  values: number[];
  sampleSize: number;
  /** The knee of the curve (farthest point from the chord): a starting eps. */
  suggestedEps: number | null;
}
