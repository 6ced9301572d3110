import { db } from "../../db";
import { ATTRIBUTE_PREFIX, clusterFeatures, type ClusterFeatureInfo } from "./schemas";

export interface ClusterFormOptions {
  features: ClusterFeatureInfo[];
  segments: { id: string; name: string; memberCount: number }[];
  /** Customers who may be profiled / all customers (what "All customers" means). */
  customers: number;
}

/** What the run form offers: the features (with numeric custom attributes seen on customers) and the segments. */
export async function listClusterOptions(): Promise<ClusterFormOptions> {
  const [attributes, segments, [count]] = await Promise.all([
    // Keys holding numbers, looked for on a slice of customers (not a scan of everyone).
    db.$queryRaw<{ key: string }[]>`
      SELECT a.key FROM (SELECT attributes FROM customers ORDER BY id DESC LIMIT 20000) c, jsonb_each(c.attributes) a
      WHERE jsonb_typeof(a.value) = 'number' GROUP BY a.key HAVING count(*) >= 2 ORDER BY a.key LIMIT 50`,
    db.segment.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, memberCount: true }, take: 500 }),
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM customers`,
  ]);
  return {
    features: [
      ...clusterFeatures,
      ...attributes.map((a) => ({ key: `${ATTRIBUTE_PREFIX}${a.key}`, label: `Attribute ${a.key}`, unit: "", skewed: false })),
    ],
    segments,
    customers: Number(count?.n ?? 0),
  };
}
