import { badCondition, compareSql } from "../../condition-sql";
import type { CompileContext, ConditionSql } from "../types";
import { featureNames, zeroDefaultFeatures, type FeatureCondition } from "./schema";

/** Integer columns of customer_features. */
const integerFeatures = new Set(["frequency", "categories", "opens_30", "opens_90", "clicks_30", "clicks_90"]);

function featureExpr(ctx: CompileContext, feature: string): string {
  if (!(feature in featureNames)) badCondition(ctx, `unknown feature "${feature}".`);
  if (feature === "recency_days")
    return `floor(extract(epoch FROM (${ctx.params.add(ctx.ref, "timestamptz")} - f.last_purchase_at)) / 86400)`;
  if (feature === "tenure_days")
    return `floor(extract(epoch FROM (${ctx.params.add(ctx.ref, "timestamptz")} - f.first_purchase_at)) / 86400)`;
  return zeroDefaultFeatures.has(feature) ? `coalesce(f.${feature}, 0)` : `f.${feature}`;
}

/** Whether a number comparison holds for 0; true when unsure or not strict (the caller then keeps the coalesced form). */
function holdsForZero(op: string, value: unknown, value2: unknown): boolean {
  const v = typeof value === "number" ? value : Number(value);
  const v2 = typeof value2 === "number" ? value2 : Number(value2);
  switch (op) {
    case "gt":
      return Number.isFinite(v) ? 0 > v : true;
    case "gte":
      return Number.isFinite(v) ? 0 >= v : true;
    case "eq":
      return Number.isFinite(v) ? v === 0 : true;
    case "between":
      return Number.isFinite(v) && Number.isFinite(v2) ? v <= 0 && 0 <= v2 : true;
    // is_empty, is_not_empty, neq (IS DISTINCT FROM), lt, lte: kept coalesced (is_empty and neq are not null on a missing row).
    default:
      return true;
  }
}

/** A comparison of a customer_features column: a boolean over `f`. */
export function featureSql(cond: FeatureCondition, ctx: CompileContext): ConditionSql {
  const x = featureExpr(ctx, cond.feature);
  // A customer without a features row counts as 0. When 0 does not meet the comparison, the
  // column itself is compared (never null on a row): the same customers, but a strict condition,
  // so that a WHERE reading it joins customer_features (inner join, its indexes) instead of
  // left-joining every customer to it.
  const integer = integerFeatures.has(cond.feature);
  const column = zeroDefaultFeatures.has(cond.feature) && !holdsForZero(cond.op, cond.value, cond.value2) ? `f.${cond.feature}` : x;
  return {
    on: "features",
    test: compareSql(ctx, column, featureNames[cond.feature], cond.op, cond.value, cond.value2, cond.unit, integer),
    value: `(${x})::text`,
  };
}
