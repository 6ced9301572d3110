import { Transform } from "node:stream";
import { AppError } from "../../errors";
import type { RejectedField, RejectionRecorder } from "../create-rejection-recorder";
import { ONLINE_RETAIL_COLUMNS, parseRow, type OnlineRetailRecord } from "./parse-row";
import { copyValue } from "./staging-table";

export interface StageCounts {
  rowsRead: number;
  /** Valid rows with a customer, sent to the staging table. */
  staged: number;
  withoutCustomer: number;
  rejected: number;
}

/** What csv-parse emits with `raw: true`. */
interface ParsedChunk {
  record: string[];
  raw: string;
}

type Done = (error?: Error | null, data?: string) => void;

const FLUSH_BYTES = 256 * 1024;

function headerIndex(header: string[]): Map<string, number> {
  const index = new Map(header.map((name, i) => [name.trim(), i] as const));
  const missing = ONLINE_RETAIL_COLUMNS.filter((c) => !index.has(c));
  if (missing.length === ONLINE_RETAIL_COLUMNS.length) {
    throw new AppError("unprocessable", `This is not an Online Retail file: its first line should be the header ${ONLINE_RETAIL_COLUMNS.join(",")}.`);
  }
  if (missing.length > 0) {
    throw new AppError("unprocessable", `This is not an Online Retail file: column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} missing.`);
  }
  return index;
}

/**
 * CSV records in (header first), COPY text out: validates each row, hands unreadable ones to the
 * recorder (1-based data row number), counts rows without a customer, batches the rest.
 */
export function createCopyRowsTransform(opts: { recorder: RejectionRecorder; onRow?: (rowsRead: number) => void }) {
  const counts: StageCounts = { rowsRead: 0, staged: 0, withoutCustomer: 0, rejected: 0 };
  let index: Map<string, number> | undefined;
  /** Lines seen so far per invoice: a line's position among its invoice's lines, in file order. */
  const positions = new Map<string, number>();
  let buffered = "";

  function handle(chunk: ParsedChunk, done: Done): void {
    if (!index) {
      index = headerIndex(chunk.record);
      return done();
    }
    const rowNumber = ++counts.rowsRead;
    opts.onRow?.(rowNumber);
    const record: OnlineRetailRecord = {};
    for (const [name, i] of index) record[name] = chunk.record[i];
    const parsed = parseRow(record);
    const problems: RejectedField[] = chunk.record.length === index.size ? [] : [{ field: "row", reason: `expected ${index.size} fields, found ${chunk.record.length}` }];
    if (!parsed.ok || problems.length > 0) {
      counts.rejected++;
      opts.recorder.add(rowNumber, [...problems, ...(parsed.ok ? [] : parsed.problems)], chunk.raw).then(() => done(), done);
      return;
    }
    const r = parsed.row;
    if (r.customerId === null) {
      counts.withoutCustomer++;
      return done();
    }
    counts.staged++;
    const position = (positions.get(r.invoiceNo) ?? 0) + 1;
    positions.set(r.invoiceNo, position);
    const values = [rowNumber, r.invoiceNo, r.stockCode, r.description, r.quantity, r.invoiceDate, r.unitPrice, r.customerId, r.country, position];
    buffered += values.map(copyValue).join("\t") + "\n";
    if (buffered.length < FLUSH_BYTES) return done();
    const out = buffered;
    buffered = "";
    done(null, out);
  }

  const transform = new Transform({
    writableObjectMode: true,
    transform(chunk: ParsedChunk, _encoding, done: Done) {
      try {
        handle(chunk, done);
      } catch (e) {
        done(e instanceof Error ? e : new Error(String(e)));
      }
    },
    flush(done: Done) {
      if (!index) return done(new AppError("unprocessable", "The file is empty: expected a header line and rows."));
      done(null, buffered || undefined);
    },
  });
  return { transform, counts };
}
