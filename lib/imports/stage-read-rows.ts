import type pg from "pg";
import { copyLines } from "../bulk/copy-lines";
import type { RejectionRecorder } from "./create-rejection-recorder";
import type { ReadRow } from "./staging/customers/customer-row";

export interface StagedCounts {
  rowsRead: number;
  staged: number;
  skipped: number;
  rejected: number;
  /** Rows imported without one or more optional fields they could not be read (recorded as kept). */
  keptWithSkippedFields: number;
}

/** The report's figure of rows imported without a field they could not read (listed with the rejected rows, as kept). */
export function skippedFieldsDetail(counts: StagedCounts): { rowsWithSkippedFields?: number } {
  return counts.keptWithSkippedFields ? { rowsWithSkippedFields: counts.keptWithSkippedFields } : {};
}

/**
 * Streams a format's rows into a staging table with COPY: rejected rows go to the recorder (row
 * number, field, reason, raw text), the rest are turned into COPY values by `toValues` (their
 * skipped optional fields recorded too, as kept).
 */
export async function stageReadRows<R>(opts: {
  client: pg.ClientBase;
  table: string;
  columns: readonly string[];
  rows: AsyncIterable<ReadRow<R>>;
  toValues: (row: R, rowNumber: number) => readonly (string | number | boolean | null)[];
  recorder: RejectionRecorder;
  signal?: AbortSignal;
  onRow?: (rowsRead: number) => void;
}): Promise<StagedCounts> {
  const counts: StagedCounts = { rowsRead: 0, staged: 0, skipped: 0, rejected: 0, keptWithSkippedFields: 0 };
  async function* values() {
    for await (const r of opts.rows) {
      counts.rowsRead++;
      if (counts.rowsRead % 5000 === 0) opts.onRow?.(counts.rowsRead);
      if (r.result.ok === "skip") {
        counts.skipped++;
      } else if (r.result.ok) {
        counts.staged++;
        if (r.result.warnings?.length) {
          counts.keptWithSkippedFields++;
          await opts.recorder.add(r.rowNumber, r.result.warnings, r.raw, true);
        }
        yield opts.toValues(r.result.row, r.rowNumber);
        for (const extra of r.extra ?? []) yield opts.toValues(extra, r.rowNumber);
      } else {
        counts.rejected++;
        await opts.recorder.add(r.rowNumber, r.result.problems, r.raw);
      }
    }
  }
  await copyLines({ client: opts.client, table: opts.table, columns: opts.columns, rows: values(), signal: opts.signal });
  await opts.recorder.flush();
  opts.onRow?.(counts.rowsRead);
  return counts;
}
