import pg from "pg";
import { databaseUrlFor, DEFAULT_DATABASE_URL } from "../../lib/env";

/**
 * A bench's own database on the local server (BENCH_DATABASE_SERVER, default the local postgres;
 * BENCH_DATABASE overrides the name): created afresh unless `reuse`, and DATABASE_URL and
 * QUEUE_PREFIX pointed at it. Refuses any host that is not local.
 */
export async function openBenchDatabase(options: { name: string; reuse: boolean }): Promise<{ drop: () => Promise<void> }> {
  const server = process.env.BENCH_DATABASE_SERVER ?? DEFAULT_DATABASE_URL;
  const dbName = process.env.BENCH_DATABASE ?? options.name;
  const host = new URL(server).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`The bench only runs against a local server (got ${host}).`);
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrlFor("postgres", server) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  if (!options.reuse) {
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${dbName}"`);
  }
  process.env.DATABASE_URL = databaseUrlFor(dbName, server);
  process.env.QUEUE_PREFIX = `${options.name.replace(/_/g, "-")}-${process.pid}`;
  return { drop: () => admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`) };
}
