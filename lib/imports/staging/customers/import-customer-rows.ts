import { createRejectionRecorder } from "../../create-rejection-recorder";
import type { ImporterOptions, ImporterResult } from "../../importer";
import { openPgClient } from "../../../bulk/open-pg-client";
import { readTimeZone } from "../../formats/online-retail/read-time-zone";
import { stageReadRows } from "../../stage-read-rows";
import type { CustomerRow, ReadRow } from "./customer-row";
import { mergeCustomerRows } from "./merge-customer-rows";
import { createPeopleStagingTable, PEOPLE_COLUMNS, stagingName } from "./people-staging-table";

/** Serialises imports that create customers by email or id (two at once would race on new customers). */
export const CUSTOMER_MERGE_LOCK = "tailor:import:customers";

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
  const { importJobId, signal, progress } = opts;
  const client = await openPgClient({ applicationName: "tailor-import" });
  const table = stagingName("people", importJobId);
  try {
    await createPeopleStagingTable(client, table);
    progress({ phase: "reading", percent: 0, rowsRead: 0 });
    const staged = await stageReadRows({
      client,
      table,
      columns: PEOPLE_COLUMNS,
      rows: opts.rows,
      recorder: createRejectionRecorder({ importJobId }),
      signal,
      onRow: (rowsRead) => progress({ phase: "reading", percent: 80 * opts.readFraction(), rowsRead }),
      toValues: (r, rowNumber) => [
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
    });
    signal?.throwIfAborted();
    progress({ phase: "customers", percent: 85, rowsRead: staged.rowsRead });
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [CUSTOMER_MERGE_LOCK]);
      await client.query(`ANALYZE ${table}`);
      const merged = await mergeCustomerRows({ client, table, source: opts.source, timeZone: await readTimeZone(client) });
      const touched = await client.query<{ customer_id: number }>("SELECT customer_id FROM import_people WHERE is_new OR changed");
      signal?.throwIfAborted();
      progress({ phase: "committing", percent: 98 });
      await client.query(opts.dryRun ? "ROLLBACK" : "COMMIT");
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
          // Imported without a field that could not be read (listed with the rejected rows, as kept).
          ...(staged.keptWithSkippedFields ? { rowsWithSkippedFields: staged.keptWithSkippedFields } : {}),
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
