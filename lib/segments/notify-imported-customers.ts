import { db } from "../db";
import { onCustomersChanged } from "./on-customers-changed";

/**
 * After an import commits: the customers it created or changed (those the importer reports, plus
 * any whose orders, profile or events it wrote since `since`) are re-evaluated against the segments
 * those changes can affect, features first. A queue outage is logged, not fatal: the import stands,
 * and the nightly rescore or a segment rebuild catches up.
 */
export async function notifyImportedCustomers(opts: { since: Date; customerIds?: number[] }): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT customer_id AS id FROM orders WHERE created_at >= $1
     UNION SELECT id FROM customers WHERE updated_at >= $1
     UNION SELECT customer_id FROM events WHERE received_at >= $1 AND customer_id IS NOT NULL`,
    opts.since,
  );
  const eventTypes = await db.$queryRawUnsafe<{ type: string }[]>(`SELECT DISTINCT type FROM events WHERE received_at >= $1`, opts.since);
  const customerIds = [...new Set([...(opts.customerIds ?? []), ...rows.map((r) => r.id)])];
  try {
    await onCustomersChanged({ customerIds, kinds: ["orders", "attributes", "consent", ...eventTypes.map((e) => `event:${e.type}`)] });
  } catch (e) {
    console.error(`Segments were not updated after the import: ${e instanceof Error ? e.message : String(e)}`);
  }
  return customerIds.length;
}
