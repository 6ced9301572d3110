import type { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { AppError } from "../../errors";
import { detectCsvFormat, type CsvFormat } from "./detect-csv-format";

export interface CsvRecord {
  /** 1-based data row number (the header is row 0). */
  rowNumber: number;
  /** Header name → value (trailing empty columns without a header are dropped). */
  values: Record<string, string>;
  /** The row as it was in the file, for the rejected-rows download. */
  raw: string;
  /** Fields beyond the header's that are not empty. */
  extraFields: number;
}

/** Reads a few KB from the start of a byte stream and closes it. */
export async function readSample(open: () => Readable, bytes = 64 * 1024): Promise<Buffer> {
  const stream = open();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      chunks.push(b);
      size += b.length;
      if (size >= bytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}

/**
 * Streams a CSV as header-keyed records: encoding and delimiter detected (or given), BOM, CRLF,
 * quoted fields with newlines and doubled quotes, blank lines skipped. Memory stays flat.
 */
export async function* readCsvRecords(opts: {
  open: () => Readable;
  format?: CsvFormat;
  encoding?: "auto" | CsvFormat["encoding"];
  fileName?: string;
  signal?: AbortSignal;
  onHeader?: (header: string[]) => void;
}): AsyncGenerator<CsvRecord> {
  const format = opts.format ?? detectCsvFormat(await readSample(opts.open), { encoding: opts.encoding, fileName: opts.fileName });
  const input = opts.open();
  const parser = input.pipe(
    parse({
      bom: true,
      raw: true,
      delimiter: format.delimiter,
      encoding: format.encoding === "utf-8" ? "utf8" : "latin1",
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }),
  );
  let header: string[] | undefined;
  let rowNumber = 0;
  try {
    for await (const chunk of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      opts.signal?.throwIfAborted();
      if (!header) {
        header = chunk.record.map((h) => h.trim());
        while (header.length > 0 && header.at(-1) === "") header.pop();
        if (header.length === 0) throw new AppError("unprocessable", "The first line of the file is empty: it should name the columns.");
        opts.onHeader?.(header);
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((name, i) => (values[name] = chunk.record[i] ?? ""));
      const extraFields = chunk.record.slice(header.length).filter((v) => v.trim() !== "").length;
      yield { rowNumber: ++rowNumber, values, raw: chunk.raw.replace(/[\r\n]+$/, ""), extraFields };
    }
  } catch (e) {
    if (e instanceof CsvError)
      throw new AppError("unprocessable", `The file could not be read as CSV near line ${e.lines ?? "?"}: ${e.message}`);
    throw e;
  } finally {
    parser.destroy();
    input.destroy();
  }
  if (!header) throw new AppError("unprocessable", "The file is empty: expected a header line and rows.");
}

/** A record's values keyed by its header names in lower case, values trimmed (formats whose headers are case-free). */
export function lowerCaseValues(rec: CsvRecord): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec.values)) values[k.trim().toLowerCase()] = (v ?? "").trim();
  return values;
}
