import { createPeopleStagingTable, stagingName } from "../customers/people-staging-table";
import type { ReadRow } from "../customers/customer-row";
import type { ImporterOptions, ImporterResult } from "../../importer";
import { skippedFieldsDetail } from "../../stage-read-rows";
import { stageThenMerge } from "../stage-then-merge";
import { mergeOrderLineRows } from "./merge-order-line-rows";
import { ORDER_STAGING_COLUMNS, orderLineValues, type OrderLineRow } from "./order-line-row";

/**
 * Imports order lines from any format that yields OrderLineRow: stream → validate → COPY into a
 * temporary staging table → set-based merge in one transaction. Lines without email or id are
 * counted (without customer) and not stored.
 */
export async function importOrderLineRows(
  opts: ImporterOptions & {
    source: string;
    rows: AsyncIterable<ReadRow<OrderLineRow>>;
    readFraction: () => number;
  },
): Promise<ImporterResult> {
  const table = stagingName("lines", opts.importJobId);
  const peopleTable = stagingName("buyers", opts.importJobId);
  // Staged lines include the reversals and refunds a row stands for (see ReadRow.extra).
  let lines = { withoutCustomer: 0, total: 0 };
  const { staged, merged } = await stageThenMerge({
    importer: opts,
    readPercent: 60,
    table,
    columns: ORDER_STAGING_COLUMNS,
    toValues: orderLineValues,
    createTables: async (client) => {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.query(`
      CREATE TEMPORARY TABLE ${table} (
        row_number integer NOT NULL, order_number text NOT NULL, kind text NOT NULL, email text, ext text,
        first_name text, last_name text, country text, city text, placed_at text NOT NULL, currency text,
        sku text NOT NULL, description text NOT NULL, quantity integer NOT NULL, unit_price numeric(12, 3) NOT NULL,
        line_total numeric(14, 3), order_total numeric(14, 3)
      )`);
      await createPeopleStagingTable(client, peopleTable);
    },
    afterStaging: async (client) => {
      const counted = await client.query<{ n: number; total: number }>(
        `SELECT count(*) FILTER (WHERE email IS NULL AND ext IS NULL)::integer AS n, count(*)::integer AS total FROM ${table}`,
      );
      lines = { withoutCustomer: counted.rows[0]?.n ?? 0, total: counted.rows[0]?.total ?? 0 };
    },
    mergePhase: { phase: "orders", percent: 65 },
    merge: async (client, timeZone) => {
      await client.query("SET LOCAL work_mem = '64MB'");
      await client.query(`ANALYZE ${table}`);
      const merged = await mergeOrderLineRows({ client, table, peopleTable, source: opts.source, timeZone });
      const touched = await client.query<{ customer_id: number }>(
        "SELECT DISTINCT customer_id FROM import_buyers WHERE customer_id IS NOT NULL",
      );
      return { ...merged, touched: touched.rows.map((r) => r.customer_id) };
    },
  });
  return {
    counts: {
      rowsRead: staged.rowsRead,
      imported: merged.linesInserted,
      updated: 0,
      alreadyPresent: lines.total - lines.withoutCustomer - merged.linesInserted,
      withoutCustomer: lines.withoutCustomer + staged.skipped,
      rejected: staged.rejected,
    },
    details: {
      ordersCreated: merged.ordersCreated,
      customersCreated: merged.customersCreated,
      customersUpdated: merged.customersUpdated,
      productsCreated: merged.productsCreated,
      ...skippedFieldsDetail(staged),
    },
    touchedCustomerIds: opts.dryRun ? [] : merged.touched,
  };
}
