import { definitionOf } from "./conditions/registry";
import { conditionsOf } from "./analyze-rules";
import type { SegmentRules } from "./schemas";
import type { SqlParams } from "./sql-params";

/**
 * Customers whose membership can have changed only because time moved from `prev` to `now`: those
 * with a timestamp crossing a window edge in (prev, now] (an event leaving "the last 7 days", an
 * order turning 90 days old, an add-to-cart's 24 hours running out). Indexed lookups, no sweep.
 * Returns a SQL query of customer ids, or null when the rules have no relative window.
 */
export function timeCandidatesSql(rules: SegmentRules, prev: Date, now: Date, params: SqlParams): string | null {
  const parts: string[] = [];
  const crossing = (column: string, offsets: number[]) =>
    offsets
      .map(
        (ms) =>
          `(${column} > ${params.add(new Date(prev.getTime() - ms), "timestamptz")} AND ${column} <= ${params.add(new Date(now.getTime() - ms), "timestamptz")})`,
      )
      .join(" OR ");
  for (const c of conditionsOf(rules)) parts.push(...(definitionOf(c).timeCandidates?.(c, { params, crossing }) ?? []));
  return parts.length ? parts.join(" UNION ") : null;
}
