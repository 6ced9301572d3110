import { db } from "../db";

/**
 * The profile a merged-away customer now lives in: follows the recorded merges that are not undone
 * (a survivor may itself have been merged later) to a customer that exists, or null when the id was
 * never merged (or the chain ends nowhere, e.g. the survivor was erased).
 */
export async function findMergeSurvivor(options: { customerId: number }): Promise<number | null> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE chain AS (
      SELECT m.survivor_id AS id, 1 AS depth FROM customer_merges m WHERE m.merged_id = ${options.customerId} AND m.undone_at IS NULL
      UNION
      SELECT m.survivor_id, c.depth + 1 FROM customer_merges m JOIN chain c ON m.merged_id = c.id AND m.undone_at IS NULL WHERE c.depth < 100
    )
    SELECT c.id FROM chain c JOIN customers cu ON cu.id = c.id ORDER BY c.depth DESC LIMIT 1`;
  return rows[0]?.id ?? null;
}
