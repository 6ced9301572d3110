// Processing only (no HTTP): fills tracking_events with BENCH_EVENTS calls shaped like bench:track's
// (BENCH_USERS people, "Product Viewed"), then runs the worker's processTrackingEvents in this
// process and prints the CPU it and its Postgres backends used per 1,000 events. For comparing
// variants of the processing path on a loaded machine. Scratch database tailor_bench_track_processing.
// BENCH_EVENTS (200,000), BENCH_USERS (10,000), BENCH_KEEP=1 keeps the database, BENCH_AUTO_EXPLAIN=1 logs the
// plans of statements over 1 s to the Postgres server log (auto_explain).
import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { databaseUrlFor, DEFAULT_DATABASE_URL } from "../../lib/env";

const server = process.env.BENCH_DATABASE_SERVER ?? DEFAULT_DATABASE_URL;
const dbName = "tailor_bench_track_processing";
const databaseUrl = databaseUrlFor(dbName, server);
const events = Number(process.env.BENCH_EVENTS ?? 200_000);
const users = Number(process.env.BENCH_USERS ?? 10_000);
process.env.DATABASE_URL = databaseUrl;
process.env.QUEUE_PREFIX = `tailor-bench-track-processing-${process.pid}`;

function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrlFor("postgres", server) });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}

async function main() {
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  const { applyMigrations } = await import("../../lib/migrations/apply-migrations");
  await applyMigrations({ databaseUrl });
  if (process.env.BENCH_AUTO_EXPLAIN) {
    for (const setting of [
      "session_preload_libraries = 'auto_explain'",
      "auto_explain.log_min_duration = '1s'",
      "auto_explain.log_analyze = on",
      "auto_explain.log_nested_statements = on",
    ]) {
      await admin(`ALTER DATABASE ${dbName} SET ${setting}`);
    }
  }
  const { createApiKey } = await import("../../lib/tracking/create-api-key");
  const key = await createApiKey({ input: { label: "Bench", kind: "secret", source: "bench" }, actor: { id: null, label: "system" } });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const fill = (from: number, to: number) =>
    db.query(
      `INSERT INTO tracking_events (message_id, api_key_id, type, user_id, payload, occurred_at, received_at)
       SELECT 'm-' || i, $1, 'track', 'user-' || (i % $2), jsonb_build_object('type', 'track', 'userId', 'user-' || (i % $2), 'event', 'Product Viewed',
         'properties', jsonb_build_object('sku', 'SKU-' || (i % 500), 'price', 12.5), 'messageId', 'm-' || i, 'timestamp', now()), now(), now()
       FROM generate_series($3::int, $4::int) i`,
      [key.id, users, from, to],
    );
  const { processTrackingEvents } = await import("../../lib/identity/process-tracking-events");
  const { disconnectDb } = await import("../../lib/db");
  const { closeQueues } = await import("../../lib/jobs/get-queue");
  // Round 1 creates the people; round 2 (all known) is the steady state measured.
  for (const [round, from, to] of [
    ["first (creates profiles)", 0, users - 1],
    ["steady state (known people)", users, users + events - 1],
  ] as const) {
    await fill(from, to);
    await db.query("VACUUM ANALYZE tracking_events");
    const kinds = new Map<number, string>();
    const pids = async () =>
      (
        await db.query<{ pid: number; kind: string }>(
          "SELECT pid, backend_type || ':' || application_name AS kind FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [dbName],
        )
      ).rows.map((r) => {
        kinds.set(r.pid, r.kind);
        return r.pid;
      });
    await processTrackingEvents({ batchSize: 1, maxBatches: 1 }); // connect first
    const before = new Map((await pids()).map((p) => [p, cpuMsOf(p)]));
    const self0 = process.cpuUsage();
    const t0 = Date.now();
    const load = os.loadavg()[0]!.toFixed(1);
    const { processed } = await processTrackingEvents();
    const wall = Date.now() - t0;
    const self = process.cpuUsage(self0);
    let pgMs = 0;
    const byKind = new Map<string, number>();
    for (const p of await pids()) {
      const used = cpuMsOf(p) - (before.get(p) ?? 0);
      pgMs += used;
      byKind.set(kinds.get(p)!, (byKind.get(kinds.get(p)!) ?? 0) + used);
    }
    console.log(byKind);
    const per = (ms: number) => ((ms * 1000) / Math.max(processed, 1)).toFixed(1);
    console.log(
      `${round}: ${processed} events in ${(wall / 1000).toFixed(1)} s (${Math.round((processed * 1000) / wall)} /s, load ${load}); CPU ms per 1,000 events: worker ${per((self.user + self.system) / 1000)}, Postgres ${per(pgMs)}`,
    );
  }
  const check = await db.query(
    "SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM tracking_events WHERE processed_at IS NULL) AS waiting, (SELECT count(*) FROM customers) AS customers, (SELECT sum(n) FROM event_counts) AS counted",
  );
  console.log(check.rows[0]);
  await db.end();
  await disconnectDb();
  await closeQueues();
  if (!process.env.BENCH_KEEP) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
