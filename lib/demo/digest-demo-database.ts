import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { env } from "../env";
import { DEMO_COLUMNS, DEMO_TABLES, type DemoTable } from "./demo-tables";
import type { DemoDataDigest } from "./digest-demo-data";
import { TableDigest } from "./table-digest";

const NEWLINE = 0x0a;

async function hashTable(client: pg.Client, table: DemoTable, digest: TableDigest): Promise<void> {
  const sql = `COPY (SELECT ${DEMO_COLUMNS[table].join(", ")} FROM ${table} ORDER BY id) TO STDOUT`;
  const sink = new Writable({
    write(data: Buffer, _encoding, done) {
      let rows = 0;
      for (let i = data.indexOf(NEWLINE); i !== -1; i = data.indexOf(NEWLINE, i + 1)) rows += 1;
      digest.update(table, data, rows);
      done();
    },
  });
  await pipeline(client.query(copyTo(sql)), sink);
}

/**
 * The digest of the demo tables as stored (read back with COPY in id order, UTC): equal to
 * `digestDemoData(options)` when the database holds exactly the data of those options.
 */
export async function digestDemoDatabase(connectionString = env().DATABASE_URL): Promise<DemoDataDigest> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'");
    const digest = new TableDigest();
    for (const table of DEMO_TABLES) await hashTable(client, table, digest);
    return {
      digest: digest.digest(),
      customers: digest.rowCount("customers"),
      orders: digest.rowCount("orders"),
      events: digest.rowCount("events"),
    };
  } finally {
    await client.end();
  }
}
