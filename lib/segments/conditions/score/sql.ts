import { badCondition, scopeFilters } from "../../condition-sql";
import type { CompileContext, ConditionSql } from "../types";
import type { ScoreCondition } from "./schema";

/**
 * A predictive score of customer_scores (written by the latest run of its model) compared with a
 * number, or within the top X % of everyone's scores of that kind (the threshold is the score at that
 * rank, computed once per query). Customers without a score never match (denied personalization, or
 * outside the model's population). The column is chosen from the schema's enum; the number is a parameter.
 */
export function scoreSql(cond: ScoreCondition, ctx: CompileContext): ConditionSql {
  const p = ctx.params;
  const column = `s.${cond.score}`;
  let test: string;
  if (cond.op === "top_percent") {
    if (!(cond.value > 0 && cond.value <= 100)) badCondition(ctx, "the top percentage must be between 0 and 100.");
    const share = p.add(cond.value / 100);
    // The k-th highest score, k = ⌈share × scored customers⌉ (ties with it are in too).
    const col = `t.${cond.score}`;
    test = `${column} >= (SELECT ${col} FROM customer_scores t WHERE ${col} IS NOT NULL ORDER BY ${col} DESC OFFSET (SELECT greatest(ceil(count(*) * ${share}::float8)::int - 1, 0) FROM customer_scores t WHERE ${col} IS NOT NULL) LIMIT 1)`;
  } else {
    test = `${column} ${{ gt: ">", gte: ">=", lt: "<", lte: "<=" }[cond.op]} ${p.add(cond.value)}::float8`;
  }
  const matching = `SELECT s.customer_id FROM customer_scores s WHERE ${[test, ...scopeFilters(ctx, "s.customer_id")].join(" AND ")}`;
  return {
    on: "subquery",
    set: { sql: matching, negated: false },
    value: `coalesce((SELECT round(s.${cond.score}::numeric, 4)::text FROM customer_scores s WHERE s.customer_id = c.id), 'no score')`,
  };
}
