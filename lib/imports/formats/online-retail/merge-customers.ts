import { outnumbers, rebuildIndexesAround } from "../../../bulk/rebuild-indexes-around";
import type { MergeContext } from "./staging-table";

/**
 * One customer per CustomerID (identity external_id / online-retail / "17850"): new ones are created
 * (ids in order of their first row), known ones get their first/last seen widened and, when this file
 * has their latest rows, its country. Leaves `import_customers` (ext → customer_id) for the order
 * step; dropped at commit. The known customers are locked (FOR KEY SHARE) as a foreign key check
 * would, so that orders can be inserted without per-row checks (see merge-online-retail.ts). When the
 * new customers outnumber the stored ones, the secondary indexes are rebuilt (rebuildIndexesAround).
 */
export async function mergeCustomers({ client, tables }: MergeContext): Promise<{ created: number; updated: number }> {
  await client.query(`
    CREATE TEMPORARY TABLE import_customers (
      ext text NOT NULL, first_row integer NOT NULL, country text,
      first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL,
      customer_id integer NOT NULL, is_new boolean NOT NULL
    ) ON COMMIT DROP`);
  await client.query(`
    INSERT INTO import_customers (ext, first_row, country, first_seen, last_seen, customer_id, is_new)
    SELECT ext, first_row, country, first_seen, last_seen,
           coalesce(known_id, nextval(pg_get_serial_sequence('customers', 'id'))::integer), known_id IS NULL
    FROM (
      SELECT s.ext, s.first_row, s.country, s.first_seen, s.last_seen, i.customer_id AS known_id
      FROM ${tables.customers} s
      LEFT JOIN identities i ON i.type = 'external_id' AND i.source = 'online-retail' AND i.value = s.ext
      ORDER BY s.first_row
    ) ordered`);
  await client.query("ANALYZE import_customers");
  await client.query(`
    SELECT count(*) FROM (
      SELECT 1 FROM customers c JOIN import_customers t ON t.customer_id = c.id AND NOT t.is_new FOR KEY SHARE OF c
    ) locked`);
  let created = 0;
  // No ORDER BY: import_customers was written in id order, and a sort of every new customer costs more than it brings.
  const insert = async () => {
    const inserted = await client.query(`
      INSERT INTO customers (id, country, first_seen_at, last_seen_at)
      SELECT customer_id, country, first_seen, last_seen FROM import_customers WHERE is_new`);
    created = inserted.rowCount ?? 0;
    await client.query(`
      INSERT INTO identities (customer_id, type, source, value)
      SELECT customer_id, 'external_id'::"IdentityType", 'online-retail', ext FROM import_customers WHERE is_new`);
  };
  const fresh = await client.query<{ n: number }>("SELECT count(*)::integer AS n FROM import_customers WHERE is_new");
  const n = fresh.rows[0]?.n ?? 0;
  // A first load: both tables' secondary indexes are rebuilt rather than updated row by row.
  if (n > 0 && (await outnumbers(client, "customers", n)) && (await outnumbers(client, "identities", n))) {
    await rebuildIndexesAround({
      client,
      table: "customers",
      insert: () => rebuildIndexesAround({ client, table: "identities", insert }).then(() => undefined),
    });
  } else {
    await insert();
  }
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
  return { created, updated: updated.rowCount ?? 0 };
}
