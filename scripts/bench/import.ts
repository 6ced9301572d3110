// npm run bench:import [-- --rows 1000000 --customers 100000 --invoices 100000]
// Generates an order file in the Online Retail layout, imports it into a fresh database with all of
// Tailor's indexes through the same job code as the CLI and the upload page (runImport), and compares
// with a raw COPY of the same file into an unindexed staging table (the ceiling). Prints figures.
import { createWriteStream, readFileSync } from "node:fs";
import { rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { databaseUrlFor } from "../../lib/env";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    customers: { type: "string", default: "100000" },
    invoices: { type: "string", default: "100000" },
    database: { type: "string", default: databaseUrlFor("tailor_bench_import") },
    /** Prints every SQL statement of the import that takes longer than this many ms. */
    trace: { type: "string" },
    /** Logs the plan, with actual rows and JIT time, of every statement slower than this many ms to the server's log (auto_explain). */
    explain: { type: "string" },
    /** Keeps the database and the file after the run (to EXPLAIN the import's statements on its data). */
    keep: { type: "boolean", default: false },
  },
});
const ROWS = Number(values.rows),
  CUSTOMERS = Number(values.customers),
  INVOICES = Number(values.invoices);
const url = new URL(values.database);
if (!["127.0.0.1", "localhost", "::1"].includes(url.hostname))
  throw new Error("The bench drops and recreates its database: it refuses a non-local host.");
const dbName = url.pathname.slice(1);

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(file: string): Promise<void> {
  const rand = mulberry32(42);
  const out = createWriteStream(file);
  const countries = ["United Kingdom", "France", "Germany", "EIRE", "Spain", "Netherlands"];
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
  const perInvoice = ROWS / INVOICES;
  const start = Date.UTC(2010, 11, 1);
  let buffer = "";
  for (let i = 0; i < ROWS; i++) {
    const invoice = Math.floor(i / perInvoice);
    const customer = 10000 + ((invoice * 7919) % CUSTOMERS);
    const cancelled = invoice % 50 === 49;
    const when = new Date(start + invoice * 3 * 60_000).toISOString().slice(0, 19).replace("T", " ");
    const sku = 20000 + Math.floor(rand() * 4000);
    const qty = (1 + Math.floor(rand() * 12)) * (cancelled ? -1 : 1);
    const price = (0.5 + Math.floor(rand() * 2000) / 100).toFixed(2);
    buffer += `${cancelled ? "C" : ""}${500000 + invoice},${sku},PRODUCT ${sku} "DESCRIPTION",${qty},${when},${price},${customer}.0,${countries[customer % countries.length]}\n`;
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(buffer);
  out.end();
  await once(out, "finish");
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ host: url.hostname, port: Number(url.port || 5432), user: url.username || "postgres", database: "postgres" });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
console.log(`Load average (1, 5, 15 min) at start: ${loadAverage()} on ${os.availableParallelism()} cores`);

/** CPU time (ms) a local PostgreSQL backend has used so far (Linux /proc), to compare runs on a busy machine. */
function backendCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
  } catch {
    return NaN;
  }
}

/** Time (ms) a process has spent running and waiting for a CPU (Linux /proc/<pid>/schedstat). */
function schedMs(pid: number | undefined): { running: number; waiting: number } {
  try {
    const [running = "", waiting = ""] = readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ");
    return { running: Number(running) / 1e6, waiting: Number(waiting) / 1e6 };
  } catch {
    return { running: NaN, waiting: NaN };
  }
}

if (values.trace !== undefined) {
  const slowerThan = Number(values.trace);
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function traced(this: pg.Client & { processID?: number }, ...args: unknown[]) {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    const sched0 = schedMs(this.processID);
    const result = query.apply(this, args);
    if (text && result instanceof Promise) {
      const t = performance.now();
      void result.then(
        () => {
          const ms = performance.now() - t;
          const sched = schedMs(this.processID);
          const cpu = sched.running - sched0.running,
            queued = sched.waiting - sched0.waiting;
          // Wall time neither running nor waiting for a CPU: I/O, locks, or the client.
          const blocked = ms - cpu - queued;
          if (ms >= slowerThan) {
            console.log(
              `      [${ms.toFixed(0).padStart(6)} ms: backend CPU ${cpu.toFixed(0).padStart(5)}, waiting for a CPU ${queued.toFixed(0).padStart(5)}, other ${blocked.toFixed(0).padStart(5)}] ${text.replace(/\s+/g, " ").trim().slice(0, 100)}`,
            );
          }
        },
        () => undefined,
      );
    }
    return result;
  } as typeof pg.Client.prototype.query;
}

const file = path.join(os.tmpdir(), `tailor-bench-import-${ROWS}.csv`);
console.log(`Generating ${fmt(ROWS)} lines (${fmt(CUSTOMERS)} customers, ${fmt(INVOICES)} invoices) → ${file}`);
await generate(file);
console.log(`  ${((await stat(file)).size / 1024 ** 2).toFixed(0)} MB`);

await admin(async (c) => {
  await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await c.query(`CREATE DATABASE "${dbName}"`);
  if (values.explain !== undefined) {
    await c.query(`ALTER DATABASE "${dbName}" SET session_preload_libraries = 'auto_explain'`);
    await c.query(`ALTER DATABASE "${dbName}" SET auto_explain.log_min_duration = ${Number(values.explain)}`);
    await c.query(`ALTER DATABASE "${dbName}" SET auto_explain.log_analyze = on`);
    await c.query(`ALTER DATABASE "${dbName}" SET auto_explain.log_timing = off`);
    console.log("Plans of slow statements go to the server's log (auto_explain).");
  }
});
process.env.DATABASE_URL = values.database;
process.env.QUEUE_PREFIX = "tailor-bench";
const { applyMigrations } = await import("../../lib/migrations/apply-migrations");
await applyMigrations({ log: () => undefined });

// The ceiling: COPY of the same file into an unindexed staging table.
{
  const c = new pg.Client({ connectionString: values.database });
  await c.connect();
  await c.query(
    "CREATE TABLE bench_raw (invoice_no text, stock_code text, description text, quantity text, invoice_date text, unit_price text, customer_id text, country text)",
  );
  const t0 = performance.now();
  await pipeline(createReadStream(file), c.query(copyFrom("COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true)")));
  const seconds = (performance.now() - t0) / 1000;
  console.log(`Raw COPY into an unindexed table: ${seconds.toFixed(1)} s, ${fmt(ROWS / seconds)} rows/s (the ceiling)`);
  await c.query("DROP TABLE bench_raw");
  await c.end();
}

const { systemActor } = await import("../../lib/audit/write-audit-log");
const { createImportRecord } = await import("../../lib/imports/create-import-record");
const { runImport } = await import("../../lib/imports/run-import");
const { db, disconnectDb } = await import("../../lib/db");

/**
 * CPU (ms) used by the database's PostgreSQL backends (parallel workers included) since `start`, read
 * from /proc for every backend pg_stat_activity lists: comparable between runs on a busy machine.
 */
const backendCpu = new Map<number, { first: number; last: number }>();
const watcher = new pg.Client({ connectionString: values.database, application_name: "tailor-bench-watcher" });
await watcher.connect();
async function sampleBackends(): Promise<number> {
  const { rows } = await watcher.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
    dbName,
  ]);
  for (const { pid } of rows) {
    const ms = backendCpuMs(pid);
    if (Number.isNaN(ms)) continue;
    const seen = backendCpu.get(pid);
    if (seen) seen.last = ms;
    else backendCpu.set(pid, { first: ms, last: ms });
  }
  let total = 0;
  for (const { first, last } of backendCpu.values()) total += last - first;
  return total;
}
await sampleBackends();
const walLsn = async () => (await watcher.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]!.lsn;
const wal0 = await walLsn();
let peakRss = process.memoryUsage().rss;
let sampling = false;
let ticks = 0;
// RSS every 50 ms; the backends every 500 ms (and at each phase), to keep the bench's own work small.
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (!sampling && ++ticks % 10 === 0) {
    sampling = true;
    void sampleBackends().finally(() => (sampling = false));
  }
}, 50);
const { id } = await createImportRecord({ kind: "online-retail", fileName: path.basename(file) });
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let lastPhase = "";
let doneAt = NaN;
let phaseStart = { wall: 0, node: 0, pg: 0, queued: schedMs(process.pid).waiting };
const phaseLine = async () => {
  const now = {
    wall: performance.now() - t0,
    node: process.cpuUsage(cpu0),
    pg: await sampleBackends(),
    queued: schedMs(process.pid).waiting,
  };
  const nodeMs = (now.node.user + now.node.system) / 1000;
  const seconds = (ms: number) => (ms / 1000).toFixed(1).padStart(4);
  const line = `${seconds(now.wall - phaseStart.wall)} s wall, CPU Node ${seconds(nodeMs - phaseStart.node)} s + PostgreSQL ${seconds(now.pg - phaseStart.pg)} s; Node's main thread waited ${seconds(now.queued - phaseStart.queued)} s for a CPU`;
  phaseStart = { wall: now.wall, node: nodeMs, pg: now.pg, queued: now.queued };
  return line;
};
const report = await runImport({
  importJobId: id,
  filePath: file,
  actor: systemActor("cli"),
  onProgress: (p) => {
    if (p.phase !== lastPhase) {
      const previous = lastPhase;
      lastPhase = p.phase;
      const at = ((performance.now() - t0) / 1000).toFixed(1).padStart(6);
      if (p.phase === "done") doneAt = (performance.now() - t0) / 1000;
      return phaseLine().then((line) => console.log(`  ${at} s  ${p.phase.padEnd(12)} (${previous || "start"}: ${line})`));
    }
  },
});
const lines = await db.orderLine.count();
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const pgCpu = await sampleBackends();
const walMb =
  Number((await watcher.query<{ b: string }>("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text AS b", [wal0])).rows[0]!.b) /
  1024 ** 2;
await watcher.end();
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const cpu = process.cpuUsage(cpu0);
console.log(`Import through the job code (validation, customers, products, orders, lines, customer features and RFM scores):`);
console.log(
  `  ${fmt(report.rowsRead)} rows read, ${fmt(report.imported)} lines imported, ${fmt(report.rejected)} rejected; ${fmt(lines)} order lines queryable`,
);
console.log(
  `  ${seconds.toFixed(1)} s, ${fmt(report.rowsRead / seconds)} rows/s end to end (the job reported done at ${doneAt.toFixed(1)} s; then it queued segment updates)`,
);
console.log(
  `  CPU of the importing Node process: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, of its PostgreSQL backends: ${(pgCpu / 1000).toFixed(1)} s; load average at the end: ${loadAverage()}`,
);
console.log(`  WAL written meanwhile (by the whole server: other databases count too): ${walMb.toFixed(0)} MB
  peak RSS of the importing Node process: ${(peakRss / 1024 ** 2).toFixed(0)} MB (max RSS reported by the OS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`);
await disconnectDb();
if (values.keep) {
  console.log(`Kept the database ${dbName} and the file ${file}.`);
} else {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  await rm(file, { force: true });
}
process.exit(0);
