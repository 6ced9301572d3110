import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** One value in COPY's text format. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

const FLUSH_BYTES = 256 * 1024;

/** Streams rows (arrays of values) into `table` with COPY, in 256 KB chunks, with backpressure. */
export async function copyLines(opts: {
  client: pg.ClientBase;
  table: string;
  columns: readonly string[];
  rows: AsyncIterable<readonly (string | number | boolean | null | undefined)[]>;
  signal?: AbortSignal;
}): Promise<void> {
  async function* text(): AsyncGenerator<string> {
    let buffered = "";
    for await (const row of opts.rows) {
      buffered += row.map(copyValue).join("\t") + "\n";
      if (buffered.length >= FLUSH_BYTES) {
        yield buffered;
        buffered = "";
      }
    }
    if (buffered) yield buffered;
  }
  const copy = opts.client.query(copyFrom(`COPY ${opts.table} (${opts.columns.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(text()), copy, { signal: opts.signal });
}
