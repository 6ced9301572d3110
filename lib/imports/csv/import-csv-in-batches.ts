import type pg from "pg";
import type { ImportCounts } from "../format-schemas";
import { createRejectionRecorder, type RejectedField } from "../create-rejection-recorder";
import type { ImporterOptions } from "../importer";
import { openPgClient } from "../../bulk/open-pg-client";
import { openFileSource } from "./open-file-source";
import { lowerCaseValues, readCsvRecords, type CsvRecord } from "./read-csv-records";
import { requireColumns } from "./require-columns";
import { checkExtraFields } from "./row-problems";

/** A row that passed its checks, with where it came from (for rejections decided when the batch is written). */
export interface ReadRow<T> {
  value: T;
  rowNumber: number;
  raw: string;
}

export interface BatchContext {
  /** The import's transaction; null in a dry run (count, write nothing). */
  client: pg.Client | null;
  counts: ImportCounts;
  /** Rejects a row of the batch (a check that needs the database: the person is unknown, …). */
  reject(row: { rowNumber: number; raw: string }, problem: RejectedField): Promise<void>;
}

/**
 * The skeleton of the simple CSV formats (product catalogue, consent, suppressions): headers in any
 * case, each row checked by `read` (problems reject the row with their fields), the rows that pass
 * handed to `write` in batches, all in one transaction — a failed or cancelled import leaves nothing
 * but its rejected rows — with progress by bytes read.
 */
export async function importCsvInBatches<T>(
  opts: ImporterOptions,
  format: {
    applicationName: string;
    header: { what: string; required?: string[]; anyOf?: string[] };
    batchSize: number;
    read(values: Record<string, string>, problems: RejectedField[], rec: CsvRecord): T | null;
    write(rows: ReadRow<T>[], ctx: BatchContext): Promise<void>;
  },
): Promise<ImportCounts> {
  const source = await openFileSource(opts.filePath, opts.fileName);
  const rejections = createRejectionRecorder({ importJobId: opts.importJobId });
  const records = readCsvRecords({
    open: source.open,
    encoding: opts.options.encoding,
    fileName: source.name,
    signal: opts.signal,
    onHeader: (header) =>
      requireColumns(
        header.map((h) => h.trim().toLowerCase()),
        format.header,
      ),
  });
  const counts: ImportCounts = { rowsRead: 0, imported: 0, updated: 0, alreadyPresent: 0, withoutCustomer: 0, rejected: 0 };
  const client = opts.dryRun ? null : await openPgClient({ applicationName: format.applicationName });
  const ctx: BatchContext = {
    client,
    counts,
    async reject(row, problem) {
      counts.rejected++;
      await rejections.add(row.rowNumber, [problem], row.raw);
    },
  };
  let batch: ReadRow<T>[] = [];
  const write = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await format.write(rows, ctx);
  };
  try {
    await client?.query("BEGIN");
    opts.progress({ phase: "reading", percent: 0, rowsRead: 0 });
    for await (const rec of records) {
      counts.rowsRead++;
      const problems: RejectedField[] = [];
      const value = format.read(lowerCaseValues(rec), problems, rec);
      checkExtraFields(rec, problems);
      if (problems.length > 0 || value === null) {
        counts.rejected++;
        await rejections.add(rec.rowNumber, problems, rec.raw);
        continue;
      }
      batch.push({ value, rowNumber: rec.rowNumber, raw: rec.raw });
      if (batch.length >= format.batchSize) {
        await write();
        opts.progress({ phase: "reading", percent: 95 * source.fraction(), rowsRead: counts.rowsRead });
      }
    }
    await write();
    await rejections.flush();
    opts.progress({ phase: "committing", percent: 98, rowsRead: counts.rowsRead });
    await client?.query("COMMIT");
  } catch (e) {
    await client?.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    await client?.end().catch(() => undefined);
  }
  return counts;
}
