import { outnumbers, rebuildIndexesAround } from "../../../bulk/rebuild-indexes-around";
import type { MergeContext } from "./staging-table";

/**
 * One order per invoice (aggregated while reading: the customer and country of its first line, placed
 * at its earliest line's time, total = Σ quantity × price). Known invoices are left as they are.
 * Leaves `import_orders` (order number → id, is_new) for the lines step; dropped at commit.
 */
export async function mergeOrders({ client, tables }: MergeContext): Promise<{ created: number }> {
  await client.query(
    "CREATE TEMPORARY TABLE import_orders (order_number text NOT NULL, id integer NOT NULL, is_new boolean NOT NULL) ON COMMIT DROP",
  );
  // Invoices already stored are left out by NOT EXISTS, not ON CONFLICT: merges of this source are
  // serialised (advisory lock), and the unique index may be dropped while the orders go in.
  const insert = () =>
    client.query(`
    WITH inserted AS (
      INSERT INTO orders (source, order_number, customer_id, kind, placed_at, country, currency, total)
      SELECT 'online-retail', i.invoice_no, c.customer_id,
             (CASE upper(left(i.invoice_no, 1)) WHEN 'C' THEN 'cancellation' WHEN 'A' THEN 'adjustment' ELSE 'purchase' END)::"OrderKind",
             i.placed_at, i.country, 'GBP', i.total
      FROM ${tables.invoices} i JOIN import_customers c ON c.ext = i.customer_ext
      WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.source = 'online-retail' AND o.order_number = i.invoice_no)
      ORDER BY i.placed_at, i.invoice_no
      RETURNING id, order_number
    )
    INSERT INTO import_orders (order_number, id, is_new) SELECT order_number, id, true FROM inserted`);
  const invoices = await client.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${tables.invoices}`);
  let created = 0;
  if (await outnumbers(client, "orders", invoices.rows[0]?.n ?? 0)) {
    await rebuildIndexesAround({ client, table: "orders", insert: async () => void (created = (await insert()).rowCount ?? 0) });
  } else {
    created = (await insert()).rowCount ?? 0;
  }
  await client.query(`
    INSERT INTO import_orders (order_number, id, is_new)
    SELECT o.order_number, o.id, false
    FROM ${tables.invoices} i JOIN orders o ON o.source = 'online-retail' AND o.order_number = i.invoice_no
    WHERE NOT EXISTS (SELECT 1 FROM import_orders n WHERE n.order_number = i.invoice_no)`);
  await client.query("ANALYZE import_orders");
  return { created };
}
