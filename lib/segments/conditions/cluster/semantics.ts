import { PROFILING_PURPOSE } from "../../../clustering/runs/population-sql";
import { ATTRIBUTE_PREFIX } from "../../../clustering/runs/schemas";
import { evaluateConsent } from "../consent/semantics";
import { zeroDefaultFeatures } from "../feature/schema";
import type { ReferenceAt } from "../types";
import type { ClusterCondition } from "./schema";

/** A feature as the run read it: a number, or null when missing (counts and sums are 0 without a features row). */
function featureValue(key: string, { data, customer }: ReferenceAt): number | null {
  if (key.startsWith(ATTRIBUTE_PREFIX)) {
    const v = customer.attributes[key.slice(ATTRIBUTE_PREFIX.length)];
    return typeof v === "number" ? v : null;
  }
  const v = data.features.get(customer.id)?.[key];
  if (typeof v === "number") return v;
  return zeroDefaultFeatures.has(key) ? 0 : null;
}

/**
 * Snapshot: the cluster the run stored for the customer (a cluster, the noise or the never-purchased
 * group). Live: the customer may be profiled, has purchased when the run kept non-buyers apart, and
 * the nearest centre to their preprocessed features (ties to the lower cluster) is the condition's.
 */
export function evaluateCluster(cond: ClusterCondition, at: ReferenceAt): boolean {
  if (!cond.live) return at.data.clusterAssignments?.get(cond.runId)?.get(at.customer.id) === cond.cluster;
  const model = cond.model!;
  if (!evaluateConsent({ kind: "consent", purpose: PROFILING_PURPOSE, allowed: true }, at)) return false;
  if (model.purchasersOnly && !((featureValue("frequency", at) ?? 0) > 0)) return false;
  const x: number[] = [];
  for (const col of model.preprocess.columns) {
    const raw = featureValue(col.key, at);
    const filled = raw ?? col.fill;
    if (filled === null) return false; // a missing value the run did not fill: no distance, no cluster
    x.push(((col.log ? Math.log(1 + Math.max(filled, 0)) : filled) - col.centre) / col.scale);
  }
  const pca = model.preprocess.pca;
  const z = pca ? pca.components.map((w) => w.reduce((s, wj, j) => s + (x[j]! - (pca.mean[j] ?? 0)) * wj, 0)) : x;
  let nearest = -1;
  let best = Infinity;
  model.centres.forEach((centre, i) => {
    const d = centre.reduce((s, v, j) => s + (z[j]! - v) ** 2, 0);
    if (d < best) [nearest, best] = [i, d];
  });
  return nearest === cond.cluster;
}
