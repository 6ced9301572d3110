import { conditionsOf } from "./analyze-rules";
import type { SegmentRules } from "./schemas";
import type { SqlParams } from "./sql-params";
import { durationMs } from "./window-bounds";

const DAY = 86_400_000;

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
  for (const c of conditionsOf(rules)) {
    if (c.kind === "event" && c.window.type === "last") {
      parts.push(
        `SELECT customer_id FROM events WHERE type = ${params.add(c.eventType, "text")} AND (${crossing("occurred_at", [durationMs(c.window.amount, c.window.unit)])})`,
      );
    } else if (c.kind === "sequence") {
      const offsets = [
        durationMs(c.within.amount, c.within.unit),
        ...(c.window.type === "last" ? [durationMs(c.window.amount, c.window.unit)] : []),
      ];
      parts.push(
        `SELECT customer_id FROM events WHERE type = ${params.add(c.first.eventType, "text")} AND (${crossing("occurred_at", offsets)})`,
      );
      if (c.window.type === "last") {
        parts.push(
          `SELECT customer_id FROM events WHERE type = ${params.add(c.then.eventType, "text")} AND (${crossing("occurred_at", [durationMs(c.window.amount, c.window.unit)])})`,
        );
      }
    } else if (c.kind === "order" && c.window.type === "last") {
      parts.push(`SELECT customer_id FROM orders WHERE ${crossing("placed_at", [durationMs(c.window.amount, c.window.unit)])}`);
    } else if (c.kind === "attribute" && !c.custom && (c.op === "in_last" || c.op === "not_in_last")) {
      const column = { firstSeenAt: "first_seen_at", lastSeenAt: "last_seen_at", createdAt: "created_at" }[c.field];
      if (column) parts.push(`SELECT id FROM customers WHERE ${crossing(column, [durationMs(Number(c.value), c.unit ?? "days")])}`);
    } else if (c.kind === "attribute" && c.custom && c.valueType === "date" && (c.op === "in_last" || c.op === "not_in_last")) {
      // Custom attributes are not indexed: every customer with that attribute is a candidate.
      parts.push(`SELECT id FROM customers WHERE (attributes -> ${params.add(c.field, "text")}) IS NOT NULL`);
    } else if (c.kind === "feature") {
      if (c.feature === "recency_days" || c.feature === "tenure_days") {
        const column = c.feature === "recency_days" ? "last_purchase_at" : "first_purchase_at";
        const thresholds = [c.value, c.value2].filter((v) => typeof v === "number" || (typeof v === "string" && v !== "")).map(Number);
        const offsets = thresholds.flatMap((k) => [k * DAY, (k + 1) * DAY]);
        if (offsets.length) parts.push(`SELECT customer_id FROM customer_features WHERE ${crossing(column, offsets)}`);
      } else if ((c.op === "in_last" || c.op === "not_in_last") && c.feature.endsWith("_at")) {
        parts.push(
          `SELECT customer_id FROM customer_features WHERE ${crossing(c.feature, [durationMs(Number(c.value), c.unit ?? "days")])}`,
        );
      }
    }
  }
  return parts.length ? parts.join(" UNION ") : null;
}
