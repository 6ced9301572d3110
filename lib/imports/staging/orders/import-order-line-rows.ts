import { createRejectionRecorder } from "../../create-rejection-recorder";
import { CUSTOMER_MERGE_LOCK } from "../customers/import-customer-rows";
import { createPeopleStagingTable, stagingName } from "../customers/people-staging-table";
import type { ReadRow } from "../customers/customer-row";
import type { ImporterOptions, ImporterResult } from "../../importer";
import { openPgClient } from "../../../bulk/open-pg-client";
import { readTimeZone } from "../../formats/online-retail/read-time-zone";
import { stageReadRows } from "../../stage-read-rows";
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
  const { importJobId, signal, progress } = opts;
  const client = await openPgClient({ applicationName: "tailor-import" });
  const table = stagingName("lines", importJobId);
  const peopleTable = stagingName("buyers", importJobId);
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`
      CREATE TEMPORARY TABLE ${table} (
        row_number integer NOT NULL, order_number text NOT NULL, kind text NOT NULL, email text, ext text,
        first_name text, last_name text, country text, city text, placed_at text NOT NULL, currency text,
        sku text NOT NULL, description text NOT NULL, quantity integer NOT NULL, unit_price numeric(12, 3) NOT NULL,
        line_total numeric(14, 3), order_total numeric(14, 3)
      )`);
    await createPeopleStagingTable(client, peopleTable);
    progress({ phase: "reading", percent: 0, rowsRead: 0 });
    const staged = await stageReadRows({
      client,
      table,
      columns: ORDER_STAGING_COLUMNS,
      rows: opts.rows,
      recorder: createRejectionRecorder({ importJobId }),
      signal,
      onRow: (rowsRead) => progress({ phase: "reading", percent: 60 * opts.readFraction(), rowsRead }),
      toValues: orderLineValues,
    });
    signal?.throwIfAborted();
    const withoutCustomer = await client.query<{ n: number; total: number }>(
      `SELECT count(*) FILTER (WHERE email IS NULL AND ext IS NULL)::integer AS n, count(*)::integer AS total FROM ${table}`,
    );
    progress({ phase: "orders", percent: 65, rowsRead: staged.rowsRead });
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [CUSTOMER_MERGE_LOCK]);
      await client.query("SET LOCAL work_mem = '64MB'");
      await client.query(`ANALYZE ${table}`);
      const merged = await mergeOrderLineRows({ client, table, peopleTable, source: opts.source, timeZone: await readTimeZone(client) });
      const touched = await client.query<{ customer_id: number }>(
        "SELECT DISTINCT customer_id FROM import_buyers WHERE customer_id IS NOT NULL",
      );
      signal?.throwIfAborted();
      progress({ phase: "committing", percent: 98 });
      await client.query(opts.dryRun ? "ROLLBACK" : "COMMIT");
      const n = withoutCustomer.rows[0]?.n ?? 0;
      // Staged lines include the reversals and refunds a row stands for (see ReadRow.extra).
      const lines = withoutCustomer.rows[0]?.total ?? 0;
      return {
        counts: {
          rowsRead: staged.rowsRead,
          imported: merged.linesInserted,
          updated: 0,
          alreadyPresent: lines - n - merged.linesInserted,
          withoutCustomer: n + staged.skipped,
          rejected: staged.rejected,
        },
        details: {
          ordersCreated: merged.ordersCreated,
          customersCreated: merged.customersCreated,
          customersUpdated: merged.customersUpdated,
          productsCreated: merged.productsCreated,
        },
        touchedCustomerIds: opts.dryRun ? [] : touched.rows.map((r) => r.customer_id),
      };
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
