import type { ImporterOptions, ImporterResult } from "../../importer";
import { skippedFieldsDetail } from "../../stage-read-rows";
import { stageThenMerge } from "../stage-then-merge";
import type { CustomerRow, ReadRow } from "./customer-row";
import { mergeCustomerRows } from "./merge-customer-rows";
import { createPeopleStagingTable, PEOPLE_COLUMNS, stagingName } from "./people-staging-table";

/**
 * Imports people from any format that yields CustomerRow: stream → validate → COPY into a
 * temporary staging table → set-based merge in one transaction (a run that dies leaves nothing).
 */
export async function importCustomerRows(
  opts: ImporterOptions & {
    source: string;
    rows: AsyncIterable<ReadRow<CustomerRow>>;
    readFraction: () => number;
  },
): Promise<ImporterResult> {
  const table = stagingName("people", opts.importJobId);
  const { staged, merged } = await stageThenMerge({
    importer: opts,
    readPercent: 80,
    table,
    columns: PEOPLE_COLUMNS,
    toValues: (r: CustomerRow, rowNumber) => [
      rowNumber,
      r.email,
      r.externalId,
      r.firstName,
      r.lastName,
      r.phone,
      r.country,
      r.city,
      JSON.stringify(r.attributes),
      r.seenAt,
      r.consent?.status ?? null,
      r.consent?.occurredAt ?? null,
      r.consent ? JSON.stringify(r.consent.proof) : null,
    ],
    createTables: (client) => createPeopleStagingTable(client, table),
    mergePhase: { phase: "customers", percent: 85 },
    merge: async (client, timeZone) => {
      await client.query(`ANALYZE ${table}`);
      const merged = await mergeCustomerRows({ client, table, source: opts.source, timeZone });
      const touched = await client.query<{ customer_id: number }>("SELECT customer_id FROM import_people WHERE is_new OR changed");
      return { ...merged, touched: touched.rows.map((r) => r.customer_id) };
    },
  });
  return {
    counts: {
      rowsRead: staged.rowsRead,
      imported: merged.created,
      updated: merged.updated,
      alreadyPresent: merged.unchanged + (staged.staged - merged.created - merged.updated - merged.unchanged),
      withoutCustomer: staged.skipped,
      rejected: staged.rejected,
    },
    details: {
      customersCreated: merged.created,
      customersUpdated: merged.updated,
      consentRecorded: merged.consentRecorded,
      ...skippedFieldsDetail(staged),
    },
    touchedCustomerIds: opts.dryRun ? [] : merged.touched,
  };
}
