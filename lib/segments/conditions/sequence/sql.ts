import { propertySql, scopeFilters, windowSql } from "../../condition-sql";
import { durationMs, windowBounds } from "../../window-bounds";
import type { CompileContext, ConditionSql } from "../types";
import type { SequenceCondition } from "./schema";

/** The customers with a first event followed (or, once the time has passed, not followed) by the second: a set. */
export function sequenceSql(cond: SequenceCondition, ctx: CompileContext): ConditionSql {
  const p = ctx.params;
  const within = p.add(`${durationMs(cond.within.amount, cond.within.unit) / 1000} seconds`, "interval");
  const ref = p.add(ctx.ref, "timestamptz");
  const aFilters = [
    `a.type = ${p.add(cond.first.eventType, "text")}`,
    windowSql(ctx, "a.occurred_at", cond.window),
    ...cond.first.where.map((w) => propertySql(ctx, "a.properties", w)),
  ];
  // b is at or after a, so it is also after the window's start: saying so lets Postgres read
  // only that stretch of the index for b (a hash anti-join) instead of probing per a.
  const aFrom = windowBounds(cond.window, ctx.ref).from;
  const bFilters = [
    `b.customer_id = a.customer_id`,
    `b.type = ${p.add(cond.then.eventType, "text")}`,
    `b.id <> a.id`,
    `b.occurred_at >= a.occurred_at`,
    `b.occurred_at <= a.occurred_at + ${within}`,
    `b.occurred_at <= ${ref}`,
    ...(aFrom ? [`b.occurred_at >= ${p.add(aFrom, "timestamptz")}`] : []),
    ...cond.then.where.map((w) => propertySql(ctx, "b.properties", w)),
  ];
  const then = `${cond.thenDid ? "" : "NOT "}EXISTS (SELECT 1 FROM events b WHERE ${bFilters.join(" AND ")})`;
  // "and not … within": only once the time to do it has passed.
  const elapsed = cond.thenDid ? [] : [`a.occurred_at + ${within} <= ${ref}`];
  const where = ["a.customer_id IS NOT NULL", ...aFilters, ...scopeFilters(ctx, "a.customer_id"), ...elapsed, then].join(" AND ");
  return {
    on: "subquery",
    set: { sql: `SELECT a.customer_id FROM events a WHERE ${where}`, negated: false },
    value: `(SELECT to_char(max(a.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM events a WHERE a.customer_id = c.id AND ${where})`,
  };
}
