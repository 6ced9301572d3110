import { db } from "../db";
import { onCustomersChanged } from "./on-customers-changed";

/**
 * After an import commits: the customers whose orders or profiles it wrote since `since` are
 * re-evaluated against the segments those changes can affect. A queue outage is logged, not fatal:
 * the import stands, and the nightly rescore or a segment rebuild catches up.
 */
export async function notifyImportedCustomers(opts: { since: Date }): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT customer_id AS id FROM orders WHERE created_at >= $1
     UNION SELECT id FROM customers WHERE updated_at >= $1`,
    opts.since,
  );
  try {
    await onCustomersChanged({ customerIds: rows.map((r) => r.id), kinds: ["orders", "attributes"] });
  } catch (e) {
    console.error(`Segments were not updated after the import: ${e instanceof Error ? e.message : String(e)}`);
  }
  return rows.length;
}
