import type { MergeContext } from "./staging-table";

/**
 * One product per StockCode, named after its last non-empty description in the file (aggregated while
 * reading). The products the lines will reference are locked (FOR KEY SHARE) as a foreign key check would.
 */
export async function mergeProducts({ client, tables }: MergeContext): Promise<{ created: number; renamed: number }> {
  const result = await client.query<{ created: number; renamed: number }>(`
    WITH upserted AS (
      INSERT INTO products (sku, name)
      SELECT sku, name FROM ${tables.products} ORDER BY sku
      ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name
        WHERE EXCLUDED.name <> '' AND products.name IS DISTINCT FROM EXCLUDED.name
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::integer AS created,
           count(*) FILTER (WHERE NOT inserted)::integer AS renamed
    FROM upserted`);
  await client.query(
    `SELECT count(*) FROM (SELECT 1 FROM products p JOIN ${tables.products} s ON s.sku = p.sku FOR KEY SHARE OF p) locked`,
  );
  return result.rows[0] ?? { created: 0, renamed: 0 };
}
