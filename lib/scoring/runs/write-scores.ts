import type pg from "pg";
import { inTransaction } from "../../bulk/in-transaction";
import { SqlParams } from "../../segments/sql-params";
import { personalizationAllowedSql } from "../data/personalization-allowed";
import { propensityKey, type ModelKind } from "../schemas";
import type { TrainedScores } from "../training/training-context";

const COLUMNS: Record<Exclude<ModelKind, "propensity">, string[]> = {
  clv: ["clv", "expected_purchases", "probability_alive"],
  churn: ["churn_probability"],
  recommendations: ["recommended_product_ids"],
};

const CHUNK = 20_000;

/**
 * Puts one run's scores in customer_scores in one transaction: its columns for the customers it
 * scored, cleared for customers it no longer scores, and no row at all for customers whose
 * personalization consent is denied.
 */
export async function writeScores(
  client: pg.ClientBase,
  opts: { runId: string; kind: ModelKind; scores: TrainedScores; category?: string | null },
): Promise<number> {
  if (opts.kind === "propensity") return writePropensities(client, { ...opts, category: opts.category ?? null });
  const columns = COLUMNS[opts.kind];
  const runColumn = `${opts.kind}_run_id`;
  const { customerIds } = opts.scores;
  await inTransaction(client, async () => {
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
    await deleteDeniedScores(client);
  });
  return customerIds.length;
}

/** No score of any model for customers whose personalization consent is denied. */
async function deleteDeniedScores(client: pg.ClientBase): Promise<void> {
  for (const table of ["customer_scores", "customer_propensities"]) {
    const p = new SqlParams();
    const allowed = personalizationAllowedSql(p);
    await client.query(`DELETE FROM ${table} s USING customers c WHERE c.id = s.customer_id AND NOT ${allowed}`, p.values);
  }
}

/**
 * Purchase propensity keeps one current model per category (decision 141): a run replaces the rows
 * of its own category (the empty string: any product) and leaves every other category's scores alone.
 */
async function writePropensities(
  client: pg.ClientBase,
  opts: { runId: string; scores: TrainedScores; category: string | null },
): Promise<number> {
  const key = propensityKey(opts.category);
  const { customerIds } = opts.scores;
  const probability = opts.scores.columns.propensity!;
  await inTransaction(client, async () => {
    for (let from = 0; from < customerIds.length; from += CHUNK) {
      const to = Math.min(customerIds.length, from + CHUNK);
      await client.query(
        `INSERT INTO customer_propensities (customer_id, category, probability, run_id, updated_at)
         SELECT u.c, $3, u.p, $4, now() FROM unnest($1::int[], $2::float8[]) AS u(c, p)
         ON CONFLICT (customer_id, category) DO UPDATE SET probability = excluded.probability, run_id = excluded.run_id, updated_at = now()`,
        [Array.from(customerIds.subarray(from, to)), Array.from(probability.subarray(from, to)), key, opts.runId],
      );
    }
    await client.query(`DELETE FROM customer_propensities WHERE category = $1 AND run_id <> $2`, [key, opts.runId]);
    await deleteDeniedScores(client);
  });
  return customerIds.length;
}
