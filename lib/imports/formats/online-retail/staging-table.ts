import type pg from "pg";

/**
 * The staging tables of one import: temporary, so they disappear with the connection if the run dies.
 * The lines table holds every valid line with a customer; the three others hold what the reader
 * already aggregated per customer, invoice and product (see create-copy-rows-transform.ts).
 */
export function stagingTableName(importJobId: string, part: "" | "customers" | "invoices" | "products" = ""): string {
  return `"staging_online_retail_${importJobId.replace(/[^a-zA-Z0-9_]/g, "_")}${part ? `_${part}` : ""}"`;
}

export interface StagingTables {
  lines: string;
  customers: string;
  invoices: string;
  products: string;
}

export function stagingTables(importJobId: string): StagingTables {
  return {
    lines: stagingTableName(importJobId),
    customers: stagingTableName(importJobId, "customers"),
    invoices: stagingTableName(importJobId, "invoices"),
    products: stagingTableName(importJobId, "products"),
  };
}

/** Timestamps are `timestamptz` read in the session's time zone, which the import sets to the installation's. */
const DEFINITIONS: Record<keyof StagingTables, string> = {
  lines: `row_number integer NOT NULL, invoice_no text NOT NULL, stock_code text NOT NULL, description text NOT NULL,
          quantity integer NOT NULL, placed_at timestamptz(3) NOT NULL, unit_price numeric(12, 3) NOT NULL, position integer NOT NULL`,
  customers: `ext text NOT NULL, first_row integer NOT NULL, country text, first_seen timestamptz(3) NOT NULL, last_seen timestamptz(3) NOT NULL`,
  invoices: `invoice_no text NOT NULL, first_row integer NOT NULL, customer_ext text NOT NULL, country text,
             placed_at timestamptz(3) NOT NULL, total numeric(14, 3) NOT NULL`,
  products: `sku text NOT NULL, name text NOT NULL`,
};

export const STAGING_COLUMNS: Record<keyof StagingTables, readonly string[]> = {
  lines: ["row_number", "invoice_no", "stock_code", "description", "quantity", "placed_at", "unit_price", "position"],
  customers: ["ext", "first_row", "country", "first_seen", "last_seen"],
  invoices: ["invoice_no", "first_row", "customer_ext", "country", "placed_at", "total"],
  products: ["sku", "name"],
};

export async function createStagingTables(client: pg.ClientBase, tables: StagingTables): Promise<void> {
  for (const part of Object.keys(DEFINITIONS) as (keyof StagingTables)[]) {
    await client.query(`DROP TABLE IF EXISTS ${tables[part]}`);
    await client.query(`CREATE TEMPORARY TABLE ${tables[part]} (${DEFINITIONS[part]})`);
  }
}

/** What each merge step needs: the connection holding the transaction and the staging tables. */
export interface MergeContext {
  client: pg.ClientBase;
  tables: StagingTables;
}
