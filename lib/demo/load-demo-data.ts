import pg from "pg";
import { z } from "zod";
import { systemActor, writeAuditLog } from "../audit/write-audit-log";
import { env } from "../env";
import { resolveDemoDataOptions } from "./demo-options";
import { DEMO_TABLES } from "./demo-tables";
import { ensureDemoUsers } from "./demo-users";
import { type DemoCounts, writeDemoData } from "./write-demo-data";

export { DEMO_LOGINS } from "./demo-users";

export interface DemoProgress {
  phase: string;
  /** 0–100. */
  percent: number;
}

export interface LoadDemoDataOptions {
  /** Default 20,000 (about 150,000 orders). */
  customers?: number;
  /** Default 42. */
  seed?: number;
  /** Replace the demo tables' contents even when data is present. */
  force?: boolean;
  /** The run's moment (tests pin it); only its day counts. Default: now. */
  now?: Date;
  onProgress?: (p: DemoProgress) => void;
}

export interface LoadDemoDataResult {
  skipped: boolean;
  /** Rows written by this call (0 when skipped). */
  customers: number;
  orders: number;
  events: number;
}

const forceSchema = z.boolean().default(false);

/** Tables that triggers keep from the demo tables (event_counts from events, and so on). */
const TRIGGER_KEPT_TABLES = ["event_counts", "consent_latest", "customer_purchase_ranks", "customer_categories"];

/**
 * Loads a realistic, reproducible online shop (customers, identities, orders, web and email
 * events, consent) with COPY in one transaction; skips when it was loaded before or the
 * database already has data, unless `force`. Creates the demo users and writes the audit log.
 */
export async function loadDemoData(options: LoadDemoDataOptions = {}): Promise<LoadDemoDataResult> {
  const data = resolveDemoDataOptions({ customers: options.customers, seed: options.seed, now: options.now });
  const force = forceSchema.parse(options.force);
  const report = (phase: string, percent: number): void => options.onProgress?.({ phase, percent });
  report("checking", 0);

  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  let createdUsers: string[] = [];
  let counts: DemoCounts | null = null;
  try {
    await client.query("SET statement_timeout = 0");
    counts = await writeDemoData(client, {
      data,
      force,
      beforeWrite: async () => {
        report("users", 1);
        createdUsers = await ensureDemoUsers();
      },
      onCopied: (done) => report("customers", 2 + Math.floor((93 * done) / data.customers)),
      onFinishing: () => report("finishing", 96),
    });
    if (!counts) return { skipped: true, customers: 0, orders: 0, events: 0 };
    await writeAuditLog({
      actor: systemActor("demo"),
      action: "demo.load",
      targetType: "settings",
      targetId: 1,
      after: { ...counts, seed: data.seed, today: data.today.toISOString().slice(0, 10), force, createdUsers },
    });
    // What a bulk load needs before segments are counted: statistics, and the visibility map that
    // lets the preview's counts use index-only scans (autovacuum would get there, but later), for the
    // tables written and those the triggers kept.
    report("analysing", 98);
    await client.query(`VACUUM (ANALYZE) ${[...DEMO_TABLES, ...TRIGGER_KEPT_TABLES].join(", ")}`);
  } finally {
    await client.end();
  }
  report("done", 100);
  return { skipped: false, ...counts };
}
