// npm run bench:segments — generates 1,000,000 customers (~20M events) in a database of its own and
// prints: p50/p95 of the count preview (exactly what the builder requests: total, per-condition
// counts, sample) for a fixed set of segments; the full feature rebuild time; the time from an
// accepted tracking call to the changed membership; the pending time transitions and the Redis
// memory they use. Options: --customers N (default 1,000,000), --runs N (default 20), --keep (keep the
// database), --reuse (use the kept database), --skip-features (with --reuse: features already built),
// --generate-only (generate, build the features, keep the database and stop: then measure with --reuse).
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";
import { loadDemoShop, pct } from "./bench-support";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "1000000" },
    runs: { type: "string", default: "20" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    "skip-features": { type: "boolean", default: false },
    "generate-only": { type: "boolean", default: false },
  },
});
const CUSTOMERS = Number(values.customers);
const RUNS = Number(values.runs);
const server = process.env.BENCH_DATABASE_SERVER ?? "postgresql://postgres@127.0.0.1:5432";
const dbName = process.env.BENCH_DATABASE ?? "tailor_bench_segments";
const host = new URL(server).hostname;
if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`The bench only runs against a local server (got ${host}).`);

const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
if (!values.reuse) {
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
}
await admin.end();
process.env.DATABASE_URL = `${server}/${dbName}`;
process.env.QUEUE_PREFIX = `tailor-bench-segments-${process.pid}`;

const { applyMigrations } = await import("../../lib/migrations/apply-migrations");
const { db, disconnectDb } = await import("../../lib/db");
const { rebuildCustomerFeatures } = await import("../../lib/features/rebuild-customer-features");
const { previewSegment } = await import("../../lib/segments/preview-segment");
const { segmentRulesSchema } = await import("../../lib/segments/schemas");
const { saveSegment } = await import("../../lib/segments/save-segment");
const { rebuildSegment } = await import("../../lib/segments/rebuild-segment");
const { onCustomersChanged } = await import("../../lib/segments/on-customers-changed");
const { timeCandidatesSql } = await import("../../lib/segments/time-candidates");
const { SqlParams } = await import("../../lib/segments/sql-params");
const { closeQueues } = await import("../../lib/jobs/get-queue");
const { startWorkers } = await import("../../workers/start-workers");
const { systemActor } = await import("../../lib/audit/write-audit-log");

const line = (s: string) => console.log(s);
/** The machine is shared: every figure carries the 1-minute load average it was measured under. */
const load = () => `(load ${loadavg()[0]!.toFixed(1)})`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

await applyMigrations({ log: () => undefined });
if (!values.reuse) {
  const t = performance.now();
  await loadDemoShop(CUSTOMERS, 10);
  // The load itself leaves its tables vacuumed and analysed (as every bulk load of the product does).
  line(`Loaded ${CUSTOMERS.toLocaleString("en-GB")} customers in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
const [counts] = await db.$queryRawUnsafe<{ customers: number; events: number; orders: number }[]>(
  `SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM orders)::int AS orders`,
);
line(
  `Data: ${counts!.customers.toLocaleString("en-GB")} customers, ${counts!.events.toLocaleString("en-GB")} events, ${counts!.orders.toLocaleString("en-GB")} orders`,
);

// Full feature rebuild (+ RFM).
if (!values["skip-features"]) {
  const rebuild = await rebuildCustomerFeatures({});
  line(`Full feature rebuild (features + RFM): ${(rebuild.ms / 1000).toFixed(1)} s  (target < 30 s) ${load()}`);
}
if (values["generate-only"]) {
  await disconnectDb();
  process.exit(0);
}

const [topCategory] = await db.$queryRawUnsafe<{ c: string }[]>(
  `SELECT properties->>'category' AS c FROM events WHERE type = 'product_viewed' AND occurred_at > now() - interval '30 days' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
);
const [topCountry] = await db.$queryRawUnsafe<{ c: string }[]>(
  `SELECT country AS c FROM customers WHERE country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
);
const category = topCategory?.c ?? "Shoes";
const country = topCountry?.c ?? "GB";

const cond = (c: object) => ({ type: "condition", ...c });
const viewed = (days: number) =>
  cond({
    kind: "event",
    eventType: "product_viewed",
    where: [{ key: "category", op: "eq", value: category }],
    countOp: "gte",
    count: 2,
    window: { type: "last", amount: days, unit: "days" },
  });
const defs: Record<string, unknown> = {
  "attribute + feature": {
    type: "group",
    op: "and",
    children: [
      cond({ kind: "attribute", field: "country", valueType: "text", op: "eq", value: country }),
      cond({ kind: "feature", feature: "frequency", op: "gte", value: 3 }),
      cond({ kind: "feature", feature: "monetary", op: "gt", value: 200 }),
    ],
  },
  "viewed category ≥2× in 7 days": { type: "group", op: "and", children: [viewed(7)] },
  "viewed category ≥2× in 30 days": { type: "group", op: "and", children: [viewed(30)] },
  "viewed category ≥2× in 90 days": { type: "group", op: "and", children: [viewed(90)] },
  "cart and not order within 24 h": {
    type: "group",
    op: "and",
    children: [
      cond({
        kind: "sequence",
        first: { eventType: "added_to_cart" },
        then: { eventType: "order_completed" },
        thenDid: false,
        within: { amount: 24, unit: "hours" },
        window: { type: "last", amount: 30, unit: "days" },
      }),
    ],
  },
  "nested OR": {
    type: "group",
    op: "and",
    children: [
      cond({ kind: "consent", purpose: "email_marketing" }),
      {
        type: "group",
        op: "or",
        children: [
          cond({ kind: "feature", feature: "opens_30", op: "gte", value: 1 }),
          cond({ kind: "event", eventType: "email_clicked", window: { type: "last", amount: 30, unit: "days" } }),
          {
            type: "group",
            op: "and",
            children: [
              cond({ kind: "order", measure: "count", op: "gte", value: 2, window: { type: "last", amount: 90, unit: "days" } }),
              cond({ kind: "rfm", field: "r", op: "gte", value: 4 }),
            ],
          },
        ],
      },
    ],
  },
};

// Save them (membership built once, timed) and add a segment of segments.
const actor = systemActor("system");
const saved: Record<string, string> = {};
// A reused database keeps the previous run's segments: start from none.
await db.segment.deleteMany({ where: { description: "bench" } });
line("");
line("Membership builds (stored):");
for (const [name, rules] of Object.entries(defs)) {
  const { id } = await saveSegment({ input: { name, description: "bench", rules: segmentRulesSchema.parse(rules) }, actor });
  saved[name] = id;
  const t = performance.now();
  const r = await rebuildSegment({ segmentId: id });
  line(`  ${name.padEnd(34)} ${r.members.toLocaleString("en-GB").padStart(9)} members  built in ${ms(performance.now() - t)} ${load()}`);
}
defs["segment of segments"] = {
  type: "group",
  op: "and",
  children: [
    cond({ kind: "segment", segmentId: saved["attribute + feature"] }),
    cond({ kind: "segment", segmentId: saved["cart and not order within 24 h"], in: false }),
  ],
};
{
  const { id } = await saveSegment({
    input: { name: "segment of segments", description: "bench", rules: segmentRulesSchema.parse(defs["segment of segments"]) },
    actor,
  });
  saved["segment of segments"] = id;
  const t = performance.now();
  const r = await rebuildSegment({ segmentId: id });
  line(
    `  ${"segment of segments".padEnd(34)} ${r.members.toLocaleString("en-GB").padStart(9)} members  built in ${ms(performance.now() - t)} ${load()}`,
  );
}

// Count preview exactly as the builder requests it (total + per-condition counts + 20-row sample), warm cache, no result cache.
line("");
line(`Count preview (total + per-condition counts + sample of 20), ${RUNS} runs after 2 warm-ups — target p95 < 300 ms:`);
for (const [name, rules] of Object.entries(defs)) {
  const parsed = segmentRulesSchema.parse(rules);
  for (let i = 0; i < 2; i++) await previewSegment({ rules: parsed, sampleSize: 20 });
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    total = (await previewSegment({ rules: parsed, sampleSize: 20 })).total;
    times.push(performance.now() - t);
  }
  line(
    `  ${name.padEnd(34)} count ${total.toLocaleString("en-GB").padStart(9)}  p50 ${ms(pct(times, 50)).padStart(7)}  p95 ${ms(pct(times, 95)).padStart(7)} ${load()}`,
  );
}

// Event → membership: a tracked event (row inserted + onCustomersChanged), a worker running.
line("");
const workers = startWorkers({ log: () => undefined, schedule: false });
const recentViewers = saved["viewed category ≥2× in 7 days"]!;
const latencies: number[] = [];
for (let i = 0; i < 10; i++) {
  const [candidate] = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT c.id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM segment_members sm WHERE sm.segment_id = $1 AND sm.customer_id = c.id) ORDER BY random() LIMIT 1`,
    recentViewers,
  );
  const id = candidate!.id;
  const t = performance.now();
  await db.$executeRawUnsafe(
    `INSERT INTO events (customer_id, type, occurred_at, properties) SELECT $1, 'product_viewed', now(), jsonb_build_object('category', $2::text) FROM generate_series(1, 2)`,
    id,
    category,
  );
  await onCustomersChanged({ customerIds: [id], kinds: ["event:product_viewed"] });
  for (;;) {
    const hit = await db.segmentMember.findUnique({
      where: { segmentId_customerId: { segmentId: recentViewers, customerId: id } },
      select: { customerId: true },
    });
    if (hit) break;
    if (performance.now() - t > 30_000) throw new Error("membership did not change within 30 s");
    await new Promise((r) => setTimeout(r, 5));
  }
  latencies.push(performance.now() - t);
}
await workers.close();
line(
  `Accepted tracking call → changed membership (10 events): p50 ${ms(pct(latencies, 50))}, max ${ms(Math.max(...latencies))}  (target < 1 s) ${load()}`,
);

// Pending time transitions: with the time-window segments saved over everyone, how many
// (customer, window edge) crossings lie ahead in the next 90 days, and what they cost in Redis.
const now = new Date();
let pending = 0;
for (const [name, id] of Object.entries(saved)) {
  const seg = await db.segment.findUniqueOrThrow({ where: { id }, select: { rules: true, timeBased: true } });
  if (!seg.timeBased) continue;
  const params = new SqlParams();
  const sql = timeCandidatesSql(segmentRulesSchema.parse(seg.rules), now, new Date(now.getTime() + 90 * 86_400_000), params);
  if (!sql) continue;
  const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${sql}) t`, ...params.values);
  pending += row?.n ?? 0;
  void name;
}
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
let redisBytes = 0;
let cursor = "0";
do {
  const [next, keys] = await redis.scan(cursor, "MATCH", `${process.env.QUEUE_PREFIX}:*`, "COUNT", 1000);
  cursor = next;
  for (const k of keys) redisBytes += Number((await redis.memory("USAGE", k)) ?? 0);
} while (cursor !== "0");
line(
  `Pending time transitions (customers whose membership a window edge will change in the next 90 days): ${pending.toLocaleString("en-GB")}`,
);
line(
  `Redis memory for them: ${(redisBytes / 1024 / 1024).toFixed(2)} MB under the queue prefix (transitions are found by index range scans in Postgres every 15 s, not stored as timers; target < 200 MB)`,
);
line(`Node heap after the run: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`);
// Clean up this run's queue keys.
cursor = "0";
do {
  const [next, keys] = await redis.scan(cursor, "MATCH", `${process.env.QUEUE_PREFIX}:*`, "COUNT", 1000);
  cursor = next;
  if (keys.length) await redis.del(...keys);
} while (cursor !== "0");
redis.disconnect();
await closeQueues();
await disconnectDb();
if (!values.keep) {
  const a = new pg.Client({ connectionString: `${server}/postgres` });
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await a.end();
}
process.exit(0);
