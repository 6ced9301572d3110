import type { MergeContext } from "./staging-table";

/**
 * One order per invoice (wherever its lines are in the file): the customer and country of its first
 * line, placed at its earliest line's time, total = Σ quantity × price. Known invoices are left as they are.
 */
export async function mergeOrders({ client, table, timeZone }: MergeContext): Promise<{ created: number }> {
  // Orders created here already have the total and placed_at of all their staged lines: the
  // order-lines step need not recompute them (import_new_orders, dropped at commit).
  await client.query("CREATE TEMPORARY TABLE import_new_orders (id integer PRIMARY KEY) ON COMMIT DROP");
  const result = await client.query(
    `WITH invoices AS (
       SELECT invoice_no,
              (array_agg(customer_ext ORDER BY row_number))[1] AS customer_ext,
              (array_agg(country ORDER BY row_number))[1] AS country,
              min(invoice_date AT TIME ZONE $1) AS placed_at,
              sum(quantity * unit_price) AS total
       FROM ${table} GROUP BY invoice_no
     )
     INSERT INTO orders (source, order_number, customer_id, kind, placed_at, country, currency, total)
     SELECT 'online-retail', i.invoice_no, c.customer_id,
            (CASE upper(left(i.invoice_no, 1)) WHEN 'C' THEN 'cancellation' WHEN 'A' THEN 'adjustment' ELSE 'purchase' END)::"OrderKind",
            i.placed_at, i.country, 'GBP', i.total
     FROM invoices i JOIN import_customers c ON c.ext = i.customer_ext
     ORDER BY i.placed_at, i.invoice_no
     ON CONFLICT (source, order_number) DO NOTHING
     RETURNING id`,
    [timeZone],
  );
  const ids = result.rows.map((r: { id: number }) => r.id);
  await client.query("INSERT INTO import_new_orders SELECT unnest($1::integer[])", [ids]);
  return { created: result.rowCount ?? 0 };
}
