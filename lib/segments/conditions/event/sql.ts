import { aggregateSet, countPredicate, propertySql, scopeFilters, textValue, windowSql } from "../../condition-sql";
import { eventRowsSql } from "../../event-window-sql";
import type { CompileContext, ConditionSql } from "../types";
import type { EventCondition } from "./schema";

/** The customers with (or without) matching events: a set, counted from event_counts' whole hours where it can answer. */
export function eventSql(cond: EventCondition, ctx: CompileContext): ConditionSql {
  const p = ctx.params;
  const type = p.add(cond.eventType, "text");
  const filters = [
    `e.type = ${type}`,
    windowSql(ctx, "e.occurred_at", cond.window),
    ...cond.where.map((w) => propertySql(ctx, "e.properties", w)),
    ...scopeFilters(ctx, "e.customer_id"),
  ].join(" AND ");
  const value = `(SELECT count(*) FROM events e WHERE e.customer_id = c.id AND ${filters})::text`;
  // Whole hours from event_counts where it can answer, the edges (or everything) from events.
  const rows = eventRowsSql({
    type,
    window: cond.window,
    ref: ctx.ref,
    where: cond.where,
    rawFilters: `e.customer_id IS NOT NULL AND ${filters}`,
    value: cond.where[0]?.op === "eq" ? textValue(ctx, cond.where[0].value) : undefined,
    add: (v, t) => p.add(v, t),
    scope: ctx.scope,
    rolledUp: ctx.known && cond.where[0] ? ctx.known.rollupKeys.has(`${cond.eventType}\u0000${cond.where[0].key}`) : undefined,
  });
  const from = rows
    ? `SELECT u.customer_id FROM (${rows}) u`
    : `SELECT e.customer_id FROM events e WHERE e.customer_id IS NOT NULL AND ${filters}`;
  if (!cond.did) return { on: "subquery", set: { sql: from, negated: true }, value };
  const zeroMeets = countPredicate(cond.countOp, cond.count)(0);
  return {
    on: "subquery",
    set: aggregateSet(from, rows ? "sum(u.n)" : "count(*)", cond.countOp, p.add(cond.count, "int"), zeroMeets),
    value,
  };
}
