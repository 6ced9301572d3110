import type pg from "pg";

/** The staging table of one import: temporary, so it disappears with the connection if the run dies. */
export function stagingTableName(importJobId: string): string {
  return `"staging_online_retail_${importJobId.replace(/[^a-zA-Z0-9_]/g, "_")}"`;
}

export const STAGING_COLUMNS = [
  "row_number",
  "invoice_no",
  "stock_code",
  "description",
  "quantity",
  "invoice_date",
  "unit_price",
  "customer_ext",
  "country",
  "position",
] as const;

export async function createStagingTable(client: pg.ClientBase, table: string): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`
    CREATE TEMPORARY TABLE ${table} (
      row_number   integer        NOT NULL,
      invoice_no   text           NOT NULL,
      stock_code   text           NOT NULL,
      description  text           NOT NULL,
      quantity     integer        NOT NULL,
      invoice_date timestamp(3)   NOT NULL,
      unit_price   numeric(12, 3) NOT NULL,
      customer_ext text           NOT NULL,
      country      text,
      position     integer        NOT NULL
    )`);
}

/** One value in COPY's text format. */
export function copyValue(value: string | number | null): string {
  if (value === null) return "\\N";
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** What each merge step needs: the connection holding the transaction, the staging table, the zone. */
export interface MergeContext {
  client: pg.ClientBase;
  table: string;
  /** IANA zone in which the file's local timestamps are read (settings.time_zone). */
  timeZone: string;
}
