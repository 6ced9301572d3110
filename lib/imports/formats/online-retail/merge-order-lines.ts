import type { MergeContext } from "./staging-table";

/** The staged rows with their position: 1-based among their invoice's lines, in file order (counted while staging). */
export const positionedLines = (table: string) => `SELECT s.* FROM ${table} s`;

const INSERT_LINES = `
  INSERT INTO order_lines (order_id, position, product_id, sku, description, quantity, unit_price, line_total, placed_at)
  SELECT o.id, l.position, p.id, l.stock_code, l.description, l.quantity, l.unit_price, l.quantity * l.unit_price, l.placed_at`;

/**
 * The lines of the orders created by this run: nothing of theirs can be stored yet, so a plain
 * INSERT (no conflict checks). Run with `session_replication_role = replica` when allowed (see
 * merge-online-retail.ts): their orders are this transaction's and their products are locked.
 */
export async function insertNewOrderLines({ client, tables }: MergeContext): Promise<number> {
  const result = await client.query(`${INSERT_LINES}
    FROM ${tables.lines} l
    JOIN import_orders o ON o.order_number = l.invoice_no AND o.is_new
    LEFT JOIN products p ON p.sku = l.stock_code`);
  return result.rowCount ?? 0;
}

/**
 * The lines of orders stored before this run: inserts those not stored yet (natural key: order,
 * position) with the foreign key checks on, then brings the total and placed_at of every such order
 * that received lines in line with its lines.
 */
export async function mergeKnownOrderLines({ client, tables }: MergeContext): Promise<number> {
  await client.query("CREATE TEMPORARY TABLE import_touched_orders (order_id integer PRIMARY KEY) ON COMMIT DROP");
  const result = await client.query<{ inserted: number }>(`
    WITH inserted AS (${INSERT_LINES}
       FROM ${tables.lines} l
       JOIN import_orders o ON o.order_number = l.invoice_no AND NOT o.is_new
       LEFT JOIN products p ON p.sku = l.stock_code
       ORDER BY o.id, l.position
       ON CONFLICT (order_id, position) DO NOTHING
       RETURNING order_id
     ), touched AS (
       INSERT INTO import_touched_orders SELECT DISTINCT order_id FROM inserted
     )
     SELECT count(*)::integer AS inserted FROM inserted`);
  // A statement of its own: it must see the lines just inserted.
  await client.query(`
    UPDATE orders o SET total = a.total, placed_at = a.placed_at
    FROM (
      SELECT ol.order_id, sum(ol.line_total) AS total, min(ol.placed_at) AS placed_at
      FROM order_lines ol JOIN import_touched_orders t ON t.order_id = ol.order_id
      GROUP BY ol.order_id
    ) a
    WHERE o.id = a.order_id AND (o.total, o.placed_at) IS DISTINCT FROM (a.total, a.placed_at)`);
  return result.rows[0]?.inserted ?? 0;
}
