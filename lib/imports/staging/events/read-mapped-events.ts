import { createHash } from "node:crypto";
import type { RejectedField } from "../../create-rejection-recorder";
import { type ReadRow, readRow } from "../customers/customer-row";
import { readMappedRecords, type MappedReaderOptions } from "../../formats/mapped/read-mapped-records";
import { checkExtraFields, readEmailField, readRequiredDate } from "../../csv/row-problems";

/** One behavioural event as a file describes it. */
export interface EventRow {
  email: string | null;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  type: string;
  occurredAt: string;
  properties: Record<string, string>;
  /** Natural key: the same event in an overlapping export has the same id and is stored once. */
  messageId: string;
}

/** Any CSV of events (one row per action) with a column mapping; other mapped columns become properties. */
export async function* readMappedEvents(opts: MappedReaderOptions): AsyncGenerator<ReadRow<EventRow>> {
  for await (const rec of readMappedRecords(opts)) {
    const { column, get } = rec;
    const problems: RejectedField[] = [];
    const email = readEmailField(get("email"), column("email")!, problems);
    const externalId = get("external_id") || null;
    const type = get("event_type");
    if (!type) problems.push({ field: column("event_type")!, reason: "missing event type" });
    else if (type.length > 100) problems.push({ field: column("event_type")!, reason: "event type longer than 100 characters" });
    const occurredAt = readRequiredDate(get("occurred_at"), opts.dateOrder, column("occurred_at")!, problems);
    checkExtraFields(rec, problems);
    if (problems.length > 0 || !occurredAt) {
      yield readRow(rec, { ok: false, problems });
      continue;
    }
    if (!email && !externalId) {
      yield readRow(rec, { ok: "skip" });
      continue;
    }
    const properties = rec.attributes;
    const key = JSON.stringify([externalId ?? email, type, occurredAt, properties]);
    const messageId = `import:${opts.mapping.source}:${createHash("sha1").update(key).digest("hex")}`;
    yield readRow(rec, {
      ok: true,
      row: {
        email,
        externalId,
        firstName: get("first_name") || null,
        lastName: get("last_name") || null,
        type,
        occurredAt,
        properties,
        messageId,
      },
    });
  }
}
