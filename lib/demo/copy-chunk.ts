import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { DEMO_COLUMNS, DEMO_TABLES, type DemoTable } from "./demo-tables";
import type { DemoChunk } from "./generate-demo-chunks";

/** Streams COPY text into one table; never row-by-row inserts. */
export async function copyIntoTable(client: pg.Client, table: DemoTable, text: Buffer): Promise<void> {
  if (text.length === 0) return;
  const sql = `COPY ${table} (${DEMO_COLUMNS[table].join(", ")}) FROM STDIN`;
  await pipeline(Readable.from(slices(text)), client.query(copyFrom(sql)));
}

/** About 1 MB per write, so the socket gets data while the next slice is encoded. */
function* slices(text: Buffer): Generator<Buffer> {
  const size = 1 << 20;
  for (let at = 0; at < text.length; at += size) yield text.subarray(at, at + size);
}

/** Writes a chunk's tables in dependency order (parents first). */
export async function copyChunk(client: pg.Client, chunk: DemoChunk): Promise<void> {
  for (const table of DEMO_TABLES) await copyIntoTable(client, table, chunk.tables[table].text.bytes());
}
