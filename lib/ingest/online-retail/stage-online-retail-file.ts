import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { AppError } from "../../errors";
import type { RejectionRecorder } from "../create-rejection-recorder";
import { createCopyRowsTransform, type StageCounts } from "./create-copy-rows-transform";
import { STAGING_COLUMNS } from "./staging-table";

export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

const PROGRESS_EVERY_ROWS = 5000;

/**
 * Streams the CSV file (csv-parse) through row validation into the staging table with COPY:
 * memory stays flat whatever the file's size. Backpressure runs from COPY back to the file.
 */
export async function stageOnlineRetailFile(opts: {
  client: pg.ClientBase;
  table: string;
  filePath: string;
  recorder: RejectionRecorder;
  signal?: AbortSignal;
  onRead?: (p: ReadProgress) => void;
}): Promise<StageCounts> {
  const { size: totalBytes } = await stat(opts.filePath);
  const file = createReadStream(opts.filePath);
  const report = (rowsRead: number) => opts.onRead?.({ bytesRead: file.bytesRead, totalBytes, rowsRead });
  const rows = createCopyRowsTransform({
    recorder: opts.recorder,
    onRow: (n) => n % PROGRESS_EVERY_ROWS === 0 && report(n),
  });
  const parser = parse({ bom: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
  const copy = opts.client.query(copyFrom(`COPY ${opts.table} (${STAGING_COLUMNS.join(", ")}) FROM STDIN`));
  try {
    await pipeline(file, parser, rows.transform, copy, { signal: opts.signal });
  } catch (e) {
    if (e instanceof CsvError) {
      throw new AppError("unprocessable", `The file could not be read as CSV near line ${e.lines ?? "?"}: ${e.message}`);
    }
    throw e;
  }
  await opts.recorder.flush();
  report(rows.counts.rowsRead);
  return rows.counts;
}
