import type { MergeContext } from "./staging-table";

/** One product per StockCode, named after its last non-empty description in the file. */
export async function mergeProducts({ client, table }: MergeContext): Promise<{ created: number; renamed: number }> {
  const result = await client.query<{ created: number; renamed: number }>(`
    WITH upserted AS (
      INSERT INTO products (sku, name)
      SELECT DISTINCT ON (stock_code) stock_code, description
      FROM ${table}
      WHERE stock_code <> ''
      ORDER BY stock_code, (description <> '') DESC, row_number DESC
      ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name
        WHERE EXCLUDED.name <> '' AND products.name IS DISTINCT FROM EXCLUDED.name
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::integer AS created,
           count(*) FILTER (WHERE NOT inserted)::integer AS renamed
    FROM upserted`);
  return result.rows[0] ?? { created: 0, renamed: 0 };
}
