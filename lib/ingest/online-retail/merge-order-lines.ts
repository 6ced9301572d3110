import type { MergeContext } from "./staging-table";

/** The staged rows with their position: 1-based among their invoice's lines, in file order (counted while staging). */
export const positionedLines = (table: string) => `SELECT s.* FROM ${table} s`;

/**
 * Inserts the order lines not stored yet (natural key: order, position), then brings the total and
 * placed_at of every order stored before this run that received lines in line with its lines.
 */
export async function mergeOrderLines({ client, table, timeZone }: MergeContext): Promise<{ inserted: number }> {
  // The orders and products just written in this transaction: let the planner see them.
  await client.query("ANALYZE orders, products");
  await client.query("CREATE TEMPORARY TABLE import_touched_orders (order_id integer PRIMARY KEY) ON COMMIT DROP");
  const result = await client.query<{ inserted: number }>(
    `WITH inserted AS (
       INSERT INTO order_lines (order_id, position, product_id, sku, description, quantity, unit_price, line_total, placed_at)
       SELECT o.id, l.position, p.id, l.stock_code, l.description, l.quantity, l.unit_price,
              l.quantity * l.unit_price, l.invoice_date AT TIME ZONE $1
       FROM (${positionedLines(table)}) l
       JOIN orders o ON o.source = 'online-retail' AND o.order_number = l.invoice_no
       LEFT JOIN products p ON p.sku = l.stock_code
       ORDER BY o.id, l.position
       ON CONFLICT (order_id, position) DO NOTHING
       RETURNING order_id
     ), touched AS (
       INSERT INTO import_touched_orders
       SELECT DISTINCT order_id FROM inserted WHERE order_id NOT IN (SELECT id FROM import_new_orders)
     )
     SELECT count(*)::integer AS inserted FROM inserted`,
    [timeZone],
  );
  await client.query(`
    UPDATE orders o SET total = a.total, placed_at = a.placed_at
    FROM (
      SELECT ol.order_id, sum(ol.line_total) AS total, min(ol.placed_at) AS placed_at
      FROM order_lines ol JOIN import_touched_orders t ON t.order_id = ol.order_id
      GROUP BY ol.order_id
    ) a
    WHERE o.id = a.order_id AND (o.total, o.placed_at) IS DISTINCT FROM (a.total, a.placed_at)`);
  return { inserted: result.rows[0]?.inserted ?? 0 };
}
