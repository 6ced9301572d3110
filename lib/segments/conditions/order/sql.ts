import { aggregateSet, countPredicate, scopeFilters, windowSql } from "../../condition-sql";
import { purchaseCountSetSql, rankTest } from "../../purchase-count-sql";
import type { CompileContext, ConditionSql } from "../types";
import type { OrderCondition } from "./schema";

/** The customers whose purchases (count or spend, in the window, of a product or category) meet the comparison: a set. */
export function orderSql(cond: OrderCondition, ctx: CompileContext): ConditionSql {
  const p = ctx.params;
  const byProduct = cond.sku !== undefined || cond.category !== undefined;
  const filters = [`o.kind = 'purchase'`, windowSql(ctx, "o.placed_at", cond.window), ...scopeFilters(ctx, "o.customer_id")];
  if (cond.sku !== undefined) filters.push(`ol.sku = ${p.add(cond.sku, "text")}`);
  if (cond.category !== undefined) filters.push(`pr.category = ${p.add(cond.category, "text")}`);
  const joins = byProduct ? ` JOIN order_lines ol ON ol.order_id = o.id LEFT JOIN products pr ON pr.id = ol.product_id` : "";
  const agg =
    cond.measure === "count"
      ? byProduct
        ? "count(DISTINCT o.id)"
        : "count(*)"
      : byProduct
        ? "coalesce(sum(ol.line_total), 0)"
        : "coalesce(sum(o.total), 0)";
  const from = `SELECT o.customer_id FROM orders o${joins} WHERE ${filters.join(" AND ")}`;
  const value = `(SELECT ${agg} FROM orders o${joins} WHERE o.customer_id = c.id AND ${filters.join(" AND ")})::text`;
  // Purchases counted up to the reference date, decided by "at least n" with n ≤ 5: from the kept
  // ranks (the n-th most recent purchase in the window) when no purchase is later (decision 057).
  const window = cond.window.type === "ever" || cond.window.type === "last" ? cond.window : null;
  const test = cond.measure === "count" && !byProduct && window ? rankTest(cond.op, cond.value) : null;
  if (test && window) {
    const having = `count(*) ${test.kind === "exactly" ? "=" : ">="} ${p.add(test.n, "int")}`;
    const sql = purchaseCountSetSql({
      test,
      window,
      ref: ctx.ref,
      aggregateFrom: from,
      having,
      add: (v, t) => p.add(v, t),
      scope: ctx.scope,
      purchasesAfterRef: ctx.known?.purchasesAfterRef,
    });
    return { on: "subquery", set: { sql, negated: test.kind === "at_least" && test.negated }, value };
  }
  const zeroMeets = countPredicate(cond.op, cond.value)(0);
  return { on: "subquery", set: aggregateSet(from, agg, cond.op, p.add(cond.value, "numeric"), zeroMeets), value };
}
