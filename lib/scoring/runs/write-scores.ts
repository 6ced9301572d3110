import type pg from "pg";
import { SqlParams } from "../../segments/sql-params";
import { personalizationAllowedSql } from "../data/personalization-allowed";
import type { ModelKind } from "../schemas";
import type { TrainedScores } from "../training/training-context";

const COLUMNS: Record<ModelKind, string[]> = {
  clv: ["clv", "expected_purchases", "probability_alive"],
  churn: ["churn_probability"],
  propensity: ["propensity"],
  recommendations: ["recommended_product_ids"],
};

const CHUNK = 20_000;

/**
 * Puts one run's scores in customer_scores in one transaction: its columns for the customers it
 * scored, cleared for customers it no longer scores, and no row at all for customers whose
 * personalization consent is denied.
 */
export async function writeScores(client: pg.ClientBase, opts: { runId: string; kind: ModelKind; scores: TrainedScores }): Promise<number> {
  const columns = COLUMNS[opts.kind];
  const runColumn = `${opts.kind}_run_id`;
  const { customerIds } = opts.scores;
  await client.query("BEGIN");
  try {
    for (let from = 0; from < customerIds.length; from += CHUNK) {
      const to = Math.min(customerIds.length, from + CHUNK);
      const values: unknown[] = [Array.from(customerIds.subarray(from, to))];
      const casts = ["int[]"];
      for (const column of columns) {
        if (column === "recommended_product_ids") {
          values.push(opts.scores.recommendations!.slice(from, to).map((ids) => `{${Array.from(ids).join(",")}}`));
          casts.push("text[]");
        } else {
          values.push(Array.from(opts.scores.columns[column as keyof TrainedScores["columns"]]!.subarray(from, to)));
          casts.push("float8[]");
        }
      }
      values.push(opts.runId);
      const unnest = casts.map((c, i) => `$${i + 1}::${c}`).join(", ");
      const selected = ["u.c0", ...columns.map((c, i) => (c === "recommended_product_ids" ? `u.c${i + 1}::int[]` : `u.c${i + 1}`))].join(
        ", ",
      );
      const aliases = ["c0", ...columns.map((_, i) => `c${i + 1}`)].join(", ");
      await client.query(
        `INSERT INTO customer_scores (customer_id, ${columns.join(", ")}, ${runColumn}, updated_at)
         SELECT ${selected}, $${values.length}, now() FROM unnest(${unnest}) AS u(${aliases})
         ON CONFLICT (customer_id) DO UPDATE SET ${[...columns, runColumn].map((c) => `${c} = excluded.${c}`).join(", ")}, updated_at = now()`,
        values,
      );
    }
    const cleared = columns.map((c) => (c === "recommended_product_ids" ? `${c} = '{}'` : `${c} = NULL`)).join(", ");
    await client.query(
      `UPDATE customer_scores SET ${cleared}, ${runColumn} = NULL, updated_at = now() WHERE ${runColumn} IS DISTINCT FROM $1 AND ${runColumn} IS NOT NULL`,
      [opts.runId],
    );
    const p = new SqlParams();
    const allowed = personalizationAllowedSql(p);
    await client.query(`DELETE FROM customer_scores s USING customers c WHERE c.id = s.customer_id AND NOT ${allowed}`, p.values);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
  return customerIds.length;
}
