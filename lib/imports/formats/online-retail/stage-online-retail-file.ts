import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { copyLines } from "../../../bulk/copy-lines";
import type { RejectionRecorder } from "../../create-rejection-recorder";
import { formatMillis } from "./parse-row";
import { createCopyRowsTransform, type OnlineRetailAggregates, type StageCounts } from "./create-copy-rows-transform";
import { STAGING_COLUMNS, type StagingTables } from "./staging-table";

export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

const PROGRESS_EVERY_ROWS = 5000;

/**
 * Streams the file through record splitting and row validation into the lines staging table with
 * COPY (Node parses while PostgreSQL ingests; backpressure runs from COPY back to the file), then
 * copies the customers, invoices and products aggregated on the way. Memory stays flat but for
 * those aggregates (one small entry per customer, invoice and product).
 */
export async function stageOnlineRetailFile(opts: {
  client: pg.ClientBase;
  tables: StagingTables;
  filePath: string;
  recorder: RejectionRecorder;
  signal?: AbortSignal;
  onRead?: (p: ReadProgress) => void;
}): Promise<StageCounts> {
  const { client, tables, signal } = opts;
  const { size: totalBytes } = await stat(opts.filePath);
  const file = createReadStream(opts.filePath, { highWaterMark: 256 * 1024 });
  const report = (rowsRead: number) => opts.onRead?.({ bytesRead: file.bytesRead, totalBytes, rowsRead });
  const rows = createCopyRowsTransform({
    recorder: opts.recorder,
    onRow: (n) => n % PROGRESS_EVERY_ROWS === 0 && report(n),
  });
  const copy = client.query(copyFrom(`COPY ${tables.lines} (${STAGING_COLUMNS.lines.join(", ")}) FROM STDIN`));
  await pipeline(file, rows.transform, copy, { signal });
  await opts.recorder.flush();
  report(rows.counts.rowsRead);
  await copyAggregates({ client, tables, aggregates: rows.aggregates, signal });
  return rows.counts;
}

async function copyAggregates(opts: {
  client: pg.ClientBase;
  tables: StagingTables;
  aggregates: OnlineRetailAggregates;
  signal?: AbortSignal;
}) {
  const { client, tables, aggregates, signal } = opts;
  const copy = <T>(table: keyof StagingTables, entries: Iterable<T>, values: (entry: T) => (string | number | null)[]) =>
    copyLines({
      client,
      table: tables[table],
      columns: STAGING_COLUMNS[table],
      signal,
      rows: (async function* () {
        for (const entry of entries) yield values(entry);
      })(),
    });
  await copy("customers", aggregates.customers, ([ext, c]) => [ext, c.firstRow, c.country, c.firstSeen, c.lastSeen]);
  await copy("invoices", aggregates.invoices, ([no, i]) => [
    no,
    i.firstRow,
    i.customerExt,
    i.country,
    i.placedAt,
    formatMillis(i.totalMillis),
  ]);
  await copy("products", aggregates.products, ([sku, name]) => [sku, name]);
}
