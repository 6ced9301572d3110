// npm run bench:track — load-tests the tracking API on loopback with autocannon: 30 s of single
// /track calls at concurrency 50, then 30 s of /batch calls of 100 events, with the ingest process
// and the worker running as in production (separate processes). Prints accepted events/s and
// p50/p99 latency, then checks that every accepted event is in PostgreSQL and that the worker has
// folded all of them onto profiles, and how long after the load ended. A 3 s warm-up at 10 connections
// (counted in the totals, not in the phases' figures) runs first.
// Uses its own scratch database (tailor_bench_track) and queue prefix; drops the database at the end.
// Options (environment): BENCH_SECONDS (default 30), BENCH_PORT (default 3590), BENCH_USERS (10000),
// BENCH_INGEST_PROCESSES (the ingest cluster's size, default INGEST_PROCESSES or 2, as npm start),
// BENCH_PHASES ("single" or "batch": one phase only), BENCH_CPU_PROF (a directory: --cpu-prof the
// ingest process and the worker). It prints the CPU time each part used per 1,000 events, which
// stays comparable when other work loads the machine (events/s does not).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import pg from "pg";
import { databaseUrlFor, DEFAULT_DATABASE_URL, requireSecrets } from "../../lib/env";

const root = path.resolve(import.meta.dirname, "../..");
const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const port = Number(process.env.BENCH_PORT ?? 3590);
const users = Number(process.env.BENCH_USERS ?? 10_000);
const ingestProcesses = process.env.BENCH_INGEST_PROCESSES ?? process.env.INGEST_PROCESSES ?? "2";
const server = process.env.BENCH_DATABASE_SERVER ?? DEFAULT_DATABASE_URL;
const dbName = "tailor_bench_track";
const databaseUrl = databaseUrlFor(dbName, server);
const queuePrefix = `tailor-bench-track-${process.pid}`;

process.env.DATABASE_URL = databaseUrl;
process.env.QUEUE_PREFIX = queuePrefix;

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: databaseUrlFor("postgres", server) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Set once every process of the ingest cluster listens (it says so on stdout). */
let allListening = false;

function launch(name: string, script: string): ChildProcess {
  // node with tsx's loader directly (no npx/tsx wrapper processes); BENCH_CPU_PROF=<dir> profiles both.
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}/${name}`] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", script], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: queuePrefix,
      INGEST_PORT: String(port),
      INGEST_PROCESSES: ingestProcesses,
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  child.stdout?.on("data", (d: Buffer) => {
    if (d.toString().includes("processes listening")) allListening = true;
  });
  return child;
}

async function waitForPort(): Promise<void> {
  // Up to two minutes: on a loaded machine, starting the processes (tsx compiling them) takes a while.
  for (let i = 0; i < 1200; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/v1/none`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`The ingest process did not listen on port ${port}`);
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Removes this run's BullMQ keys (its own prefix only). */
async function dropQueueKeys(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${queuePrefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); 0 when it is gone. */
function cpuMsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime in 1/100 s
  } catch {
    return 0;
  }
}

/** CPU time of a process and its children (the ingest process may run a cluster). */
function treeCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  let total = cpuMsOf(pid);
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) total += cpuMsOf(Number(entry));
    } catch {
      // gone
    }
  }
  return total;
}

interface CpuSnapshot {
  generator: number;
  ingest: number;
  worker: number;
  /** Postgres backends of this database (but the bench's own), by pid: [application_name, ms]. */
  postgres: Map<number, [string, number]>;
}

async function cpuSnapshot(db: pg.Client, ingestPid?: number, workerPid?: number): Promise<CpuSnapshot> {
  const { rows } = await db.query<{ pid: number; app: string }>(
    "SELECT pid, application_name AS app FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
  );
  const usage = process.cpuUsage();
  return {
    generator: (usage.user + usage.system) / 1000,
    ingest: treeCpuMs(ingestPid),
    worker: cpuMsOf(workerPid),
    postgres: new Map(rows.map((r) => [r.pid, [r.app, cpuMsOf(r.pid)]])),
  };
}

/** CPU ms per 1,000 events between two snapshots, per component: what the load costs, whatever else runs. */
function cpuLine(a: CpuSnapshot, b: CpuSnapshot, events: number, withGenerator: boolean): string {
  let pgIngest = 0;
  let pgOther = 0;
  for (const [pid, [app, ms]] of b.postgres) {
    const used = ms - (a.postgres.get(pid)?.[1] ?? 0);
    if (app === "tailor-tracking") pgIngest += used;
    else pgOther += used;
  }
  const per = (ms: number) => ((ms * 1000) / Math.max(events, 1)).toFixed(0);
  const parts = [
    ...(withGenerator ? [`load generator ${per(b.generator - a.generator)}`] : []),
    `ingest ${per(b.ingest - a.ingest)}`,
    `Postgres for ingest ${per(pgIngest)}`,
    `worker ${per(b.worker - a.worker)}`,
    `Postgres for worker ${per(pgOther)}`,
  ];
  return `CPU ms per 1,000 events: ${parts.join(", ")}`;
}

async function main() {
  // The ingest process and the worker run with NODE_ENV=production and refuse to start without the
  // installation's secret: made here first (in .env.local, as npm start does) when there is none yet.
  requireSecrets();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  const { applyMigrations } = await import("../../lib/migrations/apply-migrations");
  await applyMigrations({ databaseUrl });
  const { createApiKey } = await import("../../lib/tracking/create-api-key");
  const { disconnectDb } = await import("../../lib/db");
  const key = await createApiKey({ input: { label: "Bench", kind: "secret", source: "bench" }, actor: { id: null, label: "system" } });
  await disconnectDb();
  const auth = `Basic ${Buffer.from(`${key.token}:`).toString("base64")}`;

  const ingest = launch("ingest", "tracking-server/index.ts");
  const worker = launch("worker", "workers/index.ts");
  const children = [ingest, worker];
  const stop = () =>
    children.forEach(
      (c) =>
        c.pid &&
        (() => {
          try {
            process.kill(-c.pid, "SIGTERM");
          } catch {
            /* gone */
          }
        })(),
    );
  process.on("SIGINT", () => {
    stop();
    process.exit(1);
  });

  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    await waitForPort();
    // A cluster's port answers once its first process listens: wait for all of them (up to 60 s), then
    // let the worker connect.
    for (let i = 0; i < 600 && Number(ingestProcesses) > 1 && !allListening; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    await db.connect();
    console.log(
      `Tracking API bench: ${seconds} s per phase on http://127.0.0.1:${port}, ${fmt(users)} people, ${ingestProcesses} ingest process(es) + worker + load generator on this machine.`,
    );
    console.log(
      `Machine: ${os.cpus().length} cores, load average before the run ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")} (1/5/15 min; above ${os.cpus().length} means other work shares the cores).\n`,
    );

    let seq = 0;
    const body = (phase: string) => {
      const i = seq++;
      return {
        userId: `user-${i % users}`,
        event: "Product Viewed",
        properties: { sku: `SKU-${i % 500}`, price: 12.5 },
        messageId: `${phase}-${i}`,
        timestamp: new Date().toISOString(),
      };
    };
    const phases: { name: string; path: string; perRequest: number; make: () => string }[] = [
      { name: "single /track", path: "/api/v1/track", perRequest: 1, make: () => JSON.stringify(body("t")) },
      {
        name: "/batch of 100",
        path: "/api/v1/batch",
        perRequest: 100,
        make: () =>
          JSON.stringify({ sentAt: new Date().toISOString(), batch: Array.from({ length: 100 }, () => ({ type: "track", ...body("b") })) }),
      },
    ];
    /** autocannon on one phase's path at `connections` concurrency for `duration` seconds. */
    const load = (phase: { path: string; make: () => string }, connections: number, duration: number) =>
      run({
        url: `http://127.0.0.1:${port}${phase.path}`,
        method: "POST",
        connections,
        duration,
        headers: { authorization: auth, "content-type": "application/json" },
        // Every request gets a body of its own (its own messageId). autocannon's setupRequest rebuilds
        // the whole request through several object copies each time, which made the load generator
        // the second-largest user of the shared cores; writing the same bytes directly costs far less.
        setupClient: (client) => {
          const c = client as unknown as { getRequestBuffer?: () => Buffer };
          if (typeof c.getRequestBuffer !== "function")
            throw new Error("autocannon's Client.getRequestBuffer has gone: adapt scripts/bench/track.ts to this autocannon version.");
          const head = `POST ${phase.path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\n`;
          c.getRequestBuffer = () => {
            const body = phase.make();
            return Buffer.from(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
          };
        },
      });
    // Warm-up (not measured): every ingest process loads its lazily imported modules, compiles its hot
    // paths and opens its connections, and the worker folds the first calls (creating the people).
    const warm = await load({ path: "/api/v1/track", make: () => JSON.stringify(body("w")) }, 10, 3);
    await new Promise((r) => setTimeout(r, 3000));
    const warmedUp = warm["2xx"];
    const report: string[] = [];
    let accepted = warmedUp;
    let loadEnded = 0;
    const only = process.env.BENCH_PHASES; // "single" or "batch": run one phase only (profiling)
    for (const phase of phases.filter((p) => !only || p.name.includes(only))) {
      const before = await cpuSnapshot(db, ingest.pid, worker.pid);
      const result = await load(phase, 50, seconds);
      loadEnded = Date.now();
      const ok = result["2xx"];
      accepted += ok * phase.perRequest;
      const line = `${phase.name.padEnd(14)} ${fmt((ok * phase.perRequest) / result.duration).padStart(8)} events/s accepted  (${fmt(ok)} requests OK, ${fmt(result.non2xx)} non-2xx, ${fmt(result.errors)} errors, ${fmt(result.timeouts)} timeouts)  latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`;
      console.log(line);
      console.log(`               ${cpuLine(before, await cpuSnapshot(db, ingest.pid, worker.pid), ok * phase.perRequest, true)}`);
      report.push(line);
    }
    const afterLoad = await cpuSnapshot(db, ingest.pid, worker.pid);

    const stored = Number((await db.query("SELECT count(*) FROM tracking_events")).rows[0].count);
    console.log(
      `\nAccepted ${fmt(accepted)} events; ${fmt(stored)} in tracking_events: ${stored >= accepted ? "0 lost" : `${fmt(accepted - stored)} LOST`}.`,
    );
    let processedAfter = -1;
    for (;;) {
      const { rows } = await db.query("SELECT count(*) FILTER (WHERE processed_at IS NULL) AS waiting FROM tracking_events");
      if (Number(rows[0].waiting) === 0) {
        processedAfter = (Date.now() - loadEnded) / 1000;
        console.log(
          `After the load, until processed: ${cpuLine(afterLoad, await cpuSnapshot(db, ingest.pid, worker.pid), accepted, false)}`,
        );
        break;
      }
      if (Date.now() - loadEnded > 180_000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const finalStored = Number((await db.query("SELECT count(*) FROM tracking_events")).rows[0].count);
    const onProfiles = Number(
      (await db.query("SELECT count(*) FROM events WHERE customer_id IS NOT NULL AND source = 'tracking:bench'")).rows[0].count,
    );
    const people = Number(
      (await db.query("SELECT count(DISTINCT customer_id) FROM identities WHERE type = 'external_id' AND source = 'bench'")).rows[0].count,
    );
    if (processedAfter < 0) console.log("Processing: NOT finished within 180 s of the load ending.");
    else
      console.log(
        `Processing: every event folded onto its profile ${processedAfter.toFixed(1)} s after the load ended (${processedAfter <= 30 ? "within" : "OVER"} the 30 s target).`,
      );
    console.log(
      `Timeline: ${fmt(onProfiles)} events on ${fmt(people)} profiles, of ${fmt(finalStored)} stored (incl. ${fmt(Math.max(finalStored - accepted, 0))} committed for requests still in flight when the load generator stopped counting): ${onProfiles === finalStored ? "all of them" : `${fmt(finalStored - onProfiles)} missing`}.`,
    );
  } finally {
    stop();
    await db.end().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1500));
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch(() => undefined);
    await dropQueueKeys().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
