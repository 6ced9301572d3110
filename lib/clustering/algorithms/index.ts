// Clustering algorithms: pure TypeScript over row-major Float64Arrays, no database, no app code.
// See docs/decisions/080-clustering-algorithms.md.
export { ClusteringInputError, fromRows, matrix, takeRows, type Matrix } from "./matrix";
export { createRandom, sampleRows } from "./random";
export {
  applyPreprocess,
  logTransform,
  preprocess,
  type MissingPolicy,
  type PreprocessInput,
  type PreprocessModel,
  type PreprocessOptions,
  type PreprocessResult,
  type Scaling,
} from "./preprocess";
export { pca, projectRows, type PcaResult } from "./pca";
export { inertia, INIT_SAMPLE_ROWS, kmeans, kmeansAsync, kmeansPlusPlusCentres, type KMeansOptions, type KMeansResult } from "./kmeans";
export { closeClusteringThreads, openRunner, type KernelRunner } from "./kernel-runner";
export { silhouette, silhouetteAsync, SILHOUETTE_SAMPLE, type SilhouetteResult } from "./silhouette";
export { elbow, suggestK, type ElbowRow } from "./elbow";
export { cutTree, ward, type Merge } from "./ward";
export { dbscan, dbscanAsync, DBSCAN_MAX_ROWS, kDistances, kDistancesAsync, type DbscanResult } from "./dbscan";
export { assignNearest, assignToCorePoints, assignToCorePointsAsync } from "./assign";
