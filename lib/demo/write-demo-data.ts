import type pg from "pg";
import { withBulkLoadMode } from "./bulk-load-mode";
import { copyChunk } from "./copy-chunk";
import type { DemoDataOptions } from "./demo-options";
import { DEMO_TABLES } from "./demo-tables";
import { generateDemoChunks } from "./generate-demo-chunks";

export interface DemoCounts {
  customers: number;
  orders: number;
  events: number;
}

/** Serialises concurrent loads (two `npm start`s, say) on the same database. */
const LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('tailor:demo-load'))";

/** Every table the demo writes, children with them (a forced reload replaces what is there). */
const TRUNCATE_SQL = `TRUNCATE ${[...DEMO_TABLES].reverse().join(", ")} RESTART IDENTITY CASCADE`;

/** True when the demo was loaded before or the database already holds customers, products, orders or events. */
async function hasData(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ loaded: boolean; data: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM settings WHERE id = 1 AND demo_loaded_at IS NOT NULL) AS loaded,
            EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM products)
              OR EXISTS (SELECT 1 FROM orders) OR EXISTS (SELECT 1 FROM events) AS data`,
  );
  return Boolean(rows[0]?.loaded || rows[0]?.data);
}

/** Generates chunk n+1 while chunk n is being copied; at most two chunks in memory. */
async function copyAll(client: pg.Client, data: DemoDataOptions, onCopied: (customersDone: number) => void): Promise<DemoCounts> {
  const counts: DemoCounts = { customers: 0, orders: 0, events: 0 };
  let inFlight: Promise<void> = Promise.resolve();
  try {
    for await (const chunk of generateDemoChunks(data)) {
      await inFlight;
      counts.customers += chunk.tables.customers.rows;
      counts.orders += chunk.tables.orders.rows;
      counts.events += chunk.tables.events.rows;
      inFlight = copyChunk(client, chunk).then(() => onCopied(chunk.customersDone));
      inFlight.catch(() => undefined); // handled when awaited; not an unhandled rejection meanwhile
    }
    await inFlight;
  } catch (e) {
    await inFlight.catch(() => undefined);
    throw e;
  }
  return counts;
}

async function resetSequences(client: pg.Client): Promise<void> {
  for (const table of DEMO_TABLES) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST(MAX(id), 1), MAX(id) IS NOT NULL) FROM ${table}`);
  }
}

export interface WriteDemoDataOptions {
  data: DemoDataOptions;
  force: boolean;
  /** Runs once the load is certain, before any data is written (creates the demo users). */
  beforeWrite: () => Promise<void>;
  onCopied: (customersDone: number) => void;
  onFinishing: () => void;
}

/**
 * The whole load in one transaction: either every row and settings.demo_loaded_at are
 * committed, or nothing is. Returns null when skipped (already loaded or data present, no force).
 */
export async function writeDemoData(client: pg.Client, options: WriteDemoDataOptions): Promise<DemoCounts | null> {
  await client.query("BEGIN");
  try {
    await client.query(LOCK_SQL);
    if (!options.force && (await hasData(client))) {
      await client.query("ROLLBACK");
      return null;
    }
    await options.beforeWrite();
    if (options.force) await client.query(TRUNCATE_SQL);
    // The tables are empty here (checked or truncated above): the case bulk-load mode is for.
    const counts = await withBulkLoadMode(client, DEMO_TABLES, () => copyAll(client, options.data, options.onCopied), options.onFinishing);
    await resetSequences(client);
    await client.query(
      `INSERT INTO settings (id, demo_loaded_at, updated_at) VALUES (1, $1, $1)
       ON CONFLICT (id) DO UPDATE SET demo_loaded_at = EXCLUDED.demo_loaded_at, updated_at = EXCLUDED.updated_at`,
      [new Date()],
    );
    await client.query("COMMIT");
    return counts;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}
