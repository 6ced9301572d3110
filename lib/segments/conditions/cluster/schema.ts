import { z } from "zod";
import { NEVER_PURCHASED, NOISE } from "../../../clustering/runs/schemas";
import { quote } from "../../condition-fields";
import { defineConditionKind } from "../../define-condition";

const finite = z.number().finite();
/** The stored preprocessing and centres of a clustering run (lib/clustering/runs), as a live condition applies them. */
export const liveClusterModelSchema = z.object({
  preprocess: z.object({
    columns: z
      .array(
        z.object({
          key: z.string().min(1).max(210),
          fill: finite.nullable(),
          log: z.boolean(),
          centre: finite,
          scale: finite.refine((x) => x !== 0, "scale must not be 0"),
        }),
      )
      .min(1)
      .max(30),
    pca: z.object({ mean: z.array(finite).max(30), components: z.array(z.array(finite).max(30)).max(10) }).nullable(),
  }),
  centres: z.array(z.array(finite).max(30)).min(1).max(100),
  /** The run kept customers who never purchased apart: they are never nearest to a centre. */
  purchasersOnly: z.boolean().optional(),
});

export const clusterConditionSchema = z.object({
  kind: z.literal("cluster"),
  runId: z.string().min(1, "Choose a clustering run").max(100),
  /** Cluster number as stored (0-based; −1 = DBSCAN noise; −3 = never purchased, kept apart by the run). */
  cluster: z.number().int().min(-3).max(1000),
  /** false: the customers the run put in the cluster (a snapshot); true: nearest to its centre now, as features change. */
  live: z.boolean().default(false),
  /** Live: the run's preprocessing and centres, copied from the run when the condition is made. */
  model: liveClusterModelSchema.optional(),
  /** The cluster's name when the condition was made (display only). */
  label: z.string().max(200).optional(),
});
export type ClusterCondition = z.infer<typeof clusterConditionSchema>;

/**
 * A cluster number in words: a cluster (by its name when known), DBSCAN's noise, or the customers
 * the run kept apart because they had never purchased (never called buyers).
 */
export function clusterGroupName(cluster: number, label?: string): string {
  if (cluster === NEVER_PURCHASED) return "the group “Never purchased” (customers with no purchase when the run was made)";
  if (cluster === NOISE) return "the noise (customers the run put in no cluster)";
  return label ? `cluster ${quote(label)}` : `cluster ${cluster + 1}`;
}

export const clusterKind = defineConditionKind(clusterConditionSchema, {
  label: "Cluster",
  description:
    "Was put in a cluster, or in the never-purchased group, by a clustering run (snapshot), or is nearest to a cluster's centre now (live).",
  defaults: { kind: "cluster", runId: "", cluster: 0, live: false },
  describe: (c) =>
    `${c.live ? "Nearest to" : "Was put in"} ${clusterGroupName(c.cluster, c.label)} of clustering run ${c.runId}${c.live ? " (live)" : " (snapshot)"}`,
});
