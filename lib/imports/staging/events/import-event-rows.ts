import { mergeCustomerRows, personKey, stagedTime } from "../customers/merge-customer-rows";
import { createPeopleStagingTable, stagingName } from "../customers/people-staging-table";
import type { ReadRow } from "../customers/customer-row";
import type { ImporterOptions, ImporterResult } from "../../importer";
import { skippedFieldsDetail } from "../../stage-read-rows";
import { stageThenMerge } from "../stage-then-merge";
import type { EventRow } from "./read-mapped-events";

const COLUMNS = ["row_number", "email", "ext", "first_name", "last_name", "type", "occurred_at", "properties", "message_id"] as const;

/**
 * Imports events: stream → validate → COPY into a temporary staging table → in one transaction, the
 * people (customer merge) then the events, each stored once (its message_id, with no API key, is the natural key).
 */
export async function importEventRows(
  opts: ImporterOptions & { source: string; rows: AsyncIterable<ReadRow<EventRow>>; readFraction: () => number },
): Promise<ImporterResult> {
  const { source } = opts;
  const table = stagingName("events", opts.importJobId);
  const peopleTable = stagingName("actors", opts.importJobId);
  const { staged, merged } = await stageThenMerge({
    importer: opts,
    readPercent: 70,
    table,
    columns: COLUMNS,
    toValues: (r: EventRow, n) => [
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
    createTables: async (client) => {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.query(
        `CREATE TEMPORARY TABLE ${table} (row_number integer NOT NULL, email text, ext text, first_name text, last_name text, type text NOT NULL, occurred_at text NOT NULL, properties jsonb NOT NULL, message_id text NOT NULL)`,
      );
      await createPeopleStagingTable(client, peopleTable);
    },
    mergePhase: { phase: "events", percent: 75 },
    merge: async (client, timeZone) => {
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
      return { people, created: inserted.rowCount ?? 0, touched: [...new Set(inserted.rows.map((r) => r.customer_id))] };
    },
  });
  return {
    counts: {
      rowsRead: staged.rowsRead,
      imported: merged.created,
      updated: 0,
      alreadyPresent: staged.staged - merged.created,
      withoutCustomer: staged.skipped,
      rejected: staged.rejected,
    },
    details: {
      eventsCreated: merged.created,
      customersCreated: merged.people.created,
      customersUpdated: merged.people.updated,
      ...skippedFieldsDetail(staged),
    },
    touchedCustomerIds: opts.dryRun ? [] : merged.touched,
  };
}
