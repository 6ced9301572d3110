import type { MergeContext } from "./staging-table";

/**
 * One customer per CustomerID (identity external_id / online-retail / "17850"): new ones are created,
 * known ones get their first/last seen widened and, when this file has their latest rows, its country.
 * Leaves `import_customers` (ext → customer_id) for the order step; dropped at commit.
 */
export async function mergeCustomers({ client, table, timeZone }: MergeContext): Promise<{ created: number; updated: number }> {
  await client.query(`
    CREATE TEMPORARY TABLE import_customers (
      ext text PRIMARY KEY, first_row integer NOT NULL, country text,
      first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL,
      customer_id integer, is_new boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP`);
  await client.query(
    `INSERT INTO import_customers (ext, first_row, country, first_seen, last_seen)
     SELECT customer_ext, min(row_number),
            (array_agg(country ORDER BY invoice_date DESC, row_number DESC))[1],
            min(invoice_date AT TIME ZONE $1), max(invoice_date AT TIME ZONE $1)
     FROM ${table} GROUP BY customer_ext`,
    [timeZone],
  );
  await client.query(`
    UPDATE import_customers c SET customer_id = i.customer_id
    FROM identities i
    WHERE i.type = 'external_id' AND i.source = 'online-retail' AND i.value = c.ext`);
  await client.query(`
    UPDATE import_customers c SET customer_id = n.id, is_new = true
    FROM (SELECT ext, nextval(pg_get_serial_sequence('customers', 'id'))::integer AS id
          FROM (SELECT ext FROM import_customers WHERE customer_id IS NULL ORDER BY first_row) ordered) n
    WHERE c.ext = n.ext`);
  const created = await client.query(`
    INSERT INTO customers (id, country, first_seen_at, last_seen_at)
    SELECT customer_id, country, first_seen, last_seen FROM import_customers WHERE is_new ORDER BY customer_id`);
  await client.query(`
    INSERT INTO identities (customer_id, type, source, value)
    SELECT customer_id, 'external_id'::"IdentityType", 'online-retail', ext FROM import_customers WHERE is_new`);
  const updated = await client.query(`
    UPDATE customers c
    SET first_seen_at = n.first_seen_at, last_seen_at = n.last_seen_at, country = n.country, updated_at = now()
    FROM (
      SELECT c2.id,
             LEAST(c2.first_seen_at, t.first_seen) AS first_seen_at,
             GREATEST(c2.last_seen_at, t.last_seen) AS last_seen_at,
             CASE WHEN c2.last_seen_at IS NULL OR t.last_seen >= c2.last_seen_at
                  THEN COALESCE(t.country, c2.country) ELSE c2.country END AS country
      FROM import_customers t JOIN customers c2 ON c2.id = t.customer_id
      WHERE NOT t.is_new
    ) n
    WHERE c.id = n.id
      AND (c.first_seen_at, c.last_seen_at, c.country) IS DISTINCT FROM (n.first_seen_at, n.last_seen_at, n.country)`);
  return { created: created.rowCount ?? 0, updated: updated.rowCount ?? 0 };
}
