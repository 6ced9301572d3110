import { zeroDefaultFeatures } from "../../segments/conditions/feature/schema";
import { consentAllowsSql } from "../../segments/consent-sql";
import { SqlParams } from "../../segments/sql-params";
import { ATTRIBUTE_PREFIX, clusterFeatures } from "./schemas";

/** The consent purpose that covers segments, clusters and scores (lib/consent/purposes.ts). */
export const PROFILING_PURPOSE = "personalization";

/** Whether the customer has purchased (what "never purchased" groups are made of), over `f` (customer_features). */
export const PURCHASED_SQL = "(coalesce(f.frequency, 0) > 0)";

/**
 * A feature key as a float8 SQL expression over `c` (customers) and `f` (customer_features, left
 * joined); NULL when missing. Column names come from the whitelist; attribute keys are parameters.
 */
export function featureValueSql(key: string, params: SqlParams): string {
  if (key.startsWith(ATTRIBUTE_PREFIX)) {
    const k = params.add(key.slice(ATTRIBUTE_PREFIX.length), "text");
    return `(CASE WHEN jsonb_typeof(c.attributes -> ${k}) = 'number' THEN (c.attributes ->> ${k})::float8 END)`;
  }
  if (!clusterFeatures.some((f) => f.key === key)) throw new Error(`Unknown cluster feature ${key}`);
  return zeroDefaultFeatures.has(key) ? `coalesce(f.${key}, 0)::float8` : `f.${key}::float8`;
}

/**
 * FROM … WHERE of a run's population: every customer or a segment's members. `profiled` false gives
 * the ones left out because they objected to profiling (or never agreed, if an admin made it opt-in).
 */
export function populationSql(opts: { segmentId: string | null; params: SqlParams; profiled: boolean }): string {
  const where = [consentAllowsSql(PROFILING_PURPOSE, opts.params)];
  if (!opts.profiled) where[0] = `NOT ${where[0]}`;
  if (opts.segmentId)
    where.push(`c.id IN (SELECT sm.customer_id FROM segment_members sm WHERE sm.segment_id = ${opts.params.add(opts.segmentId, "text")})`);
  return `customers c LEFT JOIN customer_features f ON f.customer_id = c.id WHERE ${where.join(" AND ")}`;
}

export { SqlParams };
