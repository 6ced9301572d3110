import { createRejectionRecorder } from "../../create-rejection-recorder";
import { CUSTOMER_MERGE_LOCK } from "../customers/import-customer-rows";
import { mergeCustomerRows, personKey, stagedTime } from "../customers/merge-customer-rows";
import { createPeopleStagingTable, stagingName } from "../customers/people-staging-table";
import type { ReadRow } from "../customers/customer-row";
import type { ImporterOptions, ImporterResult } from "../../importer";
import { openPgClient } from "../../../bulk/open-pg-client";
import { readTimeZone } from "../../formats/online-retail/read-time-zone";
import { stageReadRows } from "../../stage-read-rows";
import type { EventRow } from "./read-mapped-events";

const COLUMNS = ["row_number", "email", "ext", "first_name", "last_name", "type", "occurred_at", "properties", "message_id"] as const;

/**
 * Imports events: stream → validate → COPY into a temporary staging table → in one transaction, the
 * people (customer merge) then the events, each stored once (its message_id, with no API key, is the natural key).
 */
export async function importEventRows(
  opts: ImporterOptions & { source: string; rows: AsyncIterable<ReadRow<EventRow>>; readFraction: () => number },
): Promise<ImporterResult> {
  const { importJobId, signal, progress, source } = opts;
  const client = await openPgClient({ applicationName: "tailor-import" });
  const table = stagingName("events", importJobId);
  const peopleTable = stagingName("actors", importJobId);
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(
      `CREATE TEMPORARY TABLE ${table} (row_number integer NOT NULL, email text, ext text, first_name text, last_name text, type text NOT NULL, occurred_at text NOT NULL, properties jsonb NOT NULL, message_id text NOT NULL)`,
    );
    await createPeopleStagingTable(client, peopleTable);
    progress({ phase: "reading", percent: 0, rowsRead: 0 });
    const staged = await stageReadRows({
      client,
      table,
      columns: COLUMNS,
      rows: opts.rows,
      recorder: createRejectionRecorder({ importJobId }),
      signal,
      onRow: (rowsRead) => progress({ phase: "reading", percent: 70 * opts.readFraction(), rowsRead }),
      toValues: (r, n) => [
        n,
        r.email,
        r.externalId,
        r.firstName,
        r.lastName,
        r.type,
        r.occurredAt,
        JSON.stringify(r.properties),
        r.messageId,
      ],
    });
    signal?.throwIfAborted();
    progress({ phase: "events", percent: 75, rowsRead: staged.rowsRead });
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [CUSTOMER_MERGE_LOCK]);
      const timeZone = await readTimeZone(client);
      await client.query(`
        INSERT INTO ${peopleTable} (row_number, email, ext, first_name, last_name, seen_at)
        SELECT DISTINCT ON (COALESCE('x:' || ext, 'e:' || email)) row_number, email, ext, first_name, last_name, occurred_at
        FROM ${table} ORDER BY COALESCE('x:' || ext, 'e:' || email), row_number`);
      const people = await mergeCustomerRows({ client, table: peopleTable, source, timeZone });
      const inserted = await client.query<{ customer_id: number }>(
        `INSERT INTO events (customer_id, type, occurred_at, properties, source, message_id)
         SELECT k.customer_id, s.type, ${stagedTime("s.occurred_at")}, s.properties, $2, s.message_id
         FROM (SELECT DISTINCT ON (message_id) * FROM ${table} ORDER BY message_id, row_number) s
         LEFT JOIN import_people_keys k ON k.key = ${personKey("s")}
         ORDER BY s.row_number
         ON CONFLICT (api_key_id, message_id) DO NOTHING
         RETURNING customer_id`,
        [timeZone, source],
      );
      signal?.throwIfAborted();
      progress({ phase: "committing", percent: 98 });
      await client.query(opts.dryRun ? "ROLLBACK" : "COMMIT");
      const created = inserted.rowCount ?? 0;
      return {
        counts: {
          rowsRead: staged.rowsRead,
          imported: created,
          updated: 0,
          alreadyPresent: staged.staged - created,
          withoutCustomer: staged.skipped,
          rejected: staged.rejected,
        },
        details: { eventsCreated: created, customersCreated: people.created, customersUpdated: people.updated },
        touchedCustomerIds: opts.dryRun ? [] : [...new Set(inserted.rows.map((r) => r.customer_id))],
      };
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
