import type pg from "pg";
import { mergeCustomerRows, personKey, stagedTime } from "../customers/merge-customer-rows";

export interface OrderMergeResult {
  linesInserted: number;
  ordersCreated: number;
  customersCreated: number;
  customersUpdated: number;
  productsCreated: number;
}

/**
 * Merges staged order lines inside the caller's transaction: the buyers (through the customer merge:
 * external id, then email, then phone, with the identity rules), products by SKU, one order per order number (natural key: source +
 * number; known orders are left as they are), and lines by (order, position in file order).
 * Overlapping exports therefore add only the orders and lines that are new.
 */
export async function mergeOrderLineRows(opts: {
  client: pg.ClientBase;
  table: string;
  peopleTable: string;
  source: string;
  timeZone: string;
}): Promise<OrderMergeResult> {
  const { client, table, peopleTable, source, timeZone } = opts;
  await client.query(`
    INSERT INTO ${peopleTable} (row_number, email, ext, first_name, last_name, country, city, seen_at)
    SELECT DISTINCT ON (COALESCE('x:' || ext, 'e:' || email)) row_number, email, ext, first_name, last_name, country, city, placed_at
    FROM ${table} WHERE email IS NOT NULL OR ext IS NOT NULL
    ORDER BY COALESCE('x:' || ext, 'e:' || email), row_number DESC`);
  const customers = await mergeCustomerRows({ client, table: peopleTable, source, timeZone });
  // Each buyer's customer as the customer merge resolved it (external id, email, phone; see resolveStagedPeople).
  await client.query(
    "CREATE TEMPORARY TABLE import_buyers ON COMMIT DROP AS SELECT key, customer_id FROM import_people_keys WHERE customer_id IS NOT NULL",
  );
  await client.query("ANALYZE import_buyers");
  const products = await client.query(`
    INSERT INTO products (sku, name)
    SELECT DISTINCT ON (sku) sku, description FROM ${table}
    WHERE sku <> '' ORDER BY sku, (description <> '') DESC, row_number DESC
    ON CONFLICT (sku) DO NOTHING`);
  const orders = await client.query(
    `WITH o AS (
       SELECT order_number,
              (array_agg(kind ORDER BY row_number))[1] AS kind,
              (array_agg(email ORDER BY row_number))[1] AS email,
              (array_agg(ext ORDER BY row_number))[1] AS ext,
              (array_agg(country ORDER BY row_number))[1] AS country,
              (array_agg(currency ORDER BY row_number) FILTER (WHERE currency IS NOT NULL))[1] AS currency,
              min(${stagedTime("placed_at")}) AS placed_at,
              sum(COALESCE(line_total, quantity * unit_price)) AS lines_total,
              (array_agg(order_total ORDER BY row_number) FILTER (WHERE order_total IS NOT NULL))[1] AS order_total
       FROM ${table} GROUP BY order_number
     )
     INSERT INTO orders (source, order_number, customer_id, kind, placed_at, country, currency, total)
     SELECT $2, o.order_number, b.customer_id, o.kind::"OrderKind", o.placed_at, o.country,
            COALESCE(upper(o.currency), (SELECT currency FROM settings WHERE id = 1), 'GBP'), COALESCE(o.order_total, o.lines_total)
     FROM o JOIN import_buyers b ON b.key = ${personKey("o")}
     ORDER BY o.placed_at, o.order_number
     ON CONFLICT (source, order_number) DO NOTHING`,
    [timeZone, source],
  );
  await client.query("ANALYZE orders, products");
  const lines = await client.query<{ inserted: number }>(
    `WITH inserted AS (
       INSERT INTO order_lines (order_id, position, product_id, sku, description, quantity, unit_price, line_total, placed_at)
       SELECT o.id, l.position, p.id, l.sku, l.description, l.quantity, l.unit_price, COALESCE(l.line_total, l.quantity * l.unit_price), ${stagedTime("l.placed_at")}
       FROM (SELECT s.*, row_number() OVER (PARTITION BY order_number ORDER BY row_number)::integer AS position FROM ${table} s) l
       JOIN orders o ON o.source = $2 AND o.order_number = l.order_number
       LEFT JOIN products p ON p.sku = l.sku AND l.sku <> ''
       ORDER BY o.id, l.position
       ON CONFLICT (order_id, position) DO NOTHING
       RETURNING 1
     )
     SELECT count(*)::integer AS inserted FROM inserted`,
    [timeZone, source],
  );
  await client.query(`
    UPDATE customers c SET last_seen_at = GREATEST(c.last_seen_at, m.placed_at), first_seen_at = LEAST(c.first_seen_at, m.first_at)
    FROM (SELECT o.customer_id, max(o.placed_at) AS placed_at, min(o.placed_at) AS first_at
          FROM orders o JOIN (SELECT DISTINCT customer_id FROM import_buyers) b ON b.customer_id = o.customer_id
          GROUP BY o.customer_id) m
    WHERE c.id = m.customer_id AND (c.last_seen_at IS DISTINCT FROM GREATEST(c.last_seen_at, m.placed_at) OR c.first_seen_at IS DISTINCT FROM LEAST(c.first_seen_at, m.first_at))`);
  return {
    linesInserted: lines.rows[0]?.inserted ?? 0,
    ordersCreated: orders.rowCount ?? 0,
    customersCreated: customers.created,
    customersUpdated: customers.updated,
    productsCreated: products.rowCount ?? 0,
  };
}
