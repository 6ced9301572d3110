import { badCondition, scopeFilters } from "../../condition-sql";
import type { CompileContext, ConditionSql } from "../types";
import type { ScoreCondition } from "./schema";

/**
 * A predictive score compared with a number, or within the top X % of everyone's scores of that
 * kind (the threshold is the score at that rank, computed once per query). Scores of customer_scores
 * are written by the latest run of their model; purchase propensity reads customer_propensities of
 * the condition's category (the empty string: any product), written by that category's current model.
 * Customers without a score never match (denied personalization, or outside the model's population).
 * The column is chosen from the schema's enum; the number and the category are parameters.
 */
export function scoreSql(cond: ScoreCondition, ctx: CompileContext): ConditionSql {
  const p = ctx.params;
  const source =
    cond.score === "propensity"
      ? { table: "customer_propensities", column: "probability", where: `category = ${p.add(cond.category ?? "", "text")}` }
      : { table: "customer_scores", column: cond.score, where: `${cond.score} IS NOT NULL` };
  const from = (alias: string) => `${source.table} ${alias} WHERE ${alias}.${source.where}`;
  const column = `s.${source.column}`;
  let test: string;
  if (cond.op === "top_percent") {
    if (!(cond.value > 0 && cond.value <= 100)) badCondition(ctx, "the top percentage must be between 0 and 100.");
    const share = p.add(cond.value / 100);
    // The k-th highest score, k = ⌈share × scored customers⌉ (ties with it are in too).
    const col = `t.${source.column}`;
    test = `${column} >= (SELECT ${col} FROM ${from("t")} ORDER BY ${col} DESC OFFSET (SELECT greatest(ceil(count(*) * ${share}::float8)::int - 1, 0) FROM ${from("t")}) LIMIT 1)`;
  } else {
    test = `${column} ${{ gt: ">", gte: ">=", lt: "<", lte: "<=" }[cond.op]} ${p.add(cond.value)}::float8`;
  }
  const matching = `SELECT s.customer_id FROM ${from("s")} AND ${[test, ...scopeFilters(ctx, "s.customer_id")].join(" AND ")}`;
  return {
    on: "subquery",
    set: { sql: matching, negated: false },
    value: `coalesce((SELECT round(${column}::numeric, 4)::text FROM ${from("s")} AND s.customer_id = c.id), 'no score')`,
  };
}
