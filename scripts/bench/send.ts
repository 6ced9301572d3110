// npm run bench:send — sends the gallery newsletter, personalized, to 100,000 generated customers
// through the real worker processes (started before the clock starts) into a discarding SMTP sink in
// its own process, timed from the fan-out to the last message the sink accepts; then, in the same
// run, the bare loop: one process using nodemailer's pool with Tailor's pool size, sending the same
// pre-built raw messages to the same sink. Prints emails/s and CPU per 1,000 emails per process
// (workers, Postgres, sink; sender and sink for the bare loop) and the load average; the last three
// lines are `duplicates N`, `missing N` (counted at the sink) and `ratio X` (Tailor ÷ bare loop).
// Options: --emails N (default 100,000), --workers N (worker processes, default 1), --pool N (SMTP
// connections per process; default the sending account's), --keep (keep the database), --reuse,
// --profile DIR (the workers write V8 CPU profiles there when they stop).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { openBenchDatabase } from "./bench-database";
import { postgresCpu } from "./postgres-cpu";
import { processGroupCpu } from "./process-cpu";

const { values } = parseArgs({
  options: {
    emails: { type: "string", default: "100000" },
    workers: { type: "string", default: "1" },
    pool: { type: "string" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    profile: { type: "string" },
  },
});
const EMAILS = Number(values.emails);
const WORKERS = Math.max(1, Number(values.workers));
if (!Number.isInteger(EMAILS) || EMAILS < 1) throw new Error("--emails takes a whole number, e.g. --emails 20000");
const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const benchDb = await openBenchDatabase({ name: "tailor_bench_send", reuse: values.reuse });
process.env.TAILOR_SECRET ??= "bench-send-secret-0123456789abcdef";
const scratch = mkdtempSync(path.join(tmpdir(), "tailor-bench-send-"));

const { applyMigrations } = await import("../../lib/migrations/apply-migrations");
const { loadDemoData } = await import("../../lib/demo/load-demo-data");
const { db, disconnectDb } = await import("../../lib/db");
const { rebuildCustomerFeatures } = await import("../../lib/features/rebuild-customer-features");
const { createTemplate } = await import("../../lib/templates/create-template");
const { createCampaign } = await import("../../lib/campaigns/create-campaign");
const { scheduleCampaign } = await import("../../lib/campaigns/schedule-campaign");
const { closeQueues } = await import("../../lib/jobs/get-queue");
const { systemActor } = await import("../../lib/audit/write-audit-log");

const line = (s: string) => console.log(s);
const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
const actor = systemActor("system");
const children: ChildProcess[] = [];
const killAll = () => {
  for (const c of children)
    try {
      process.kill(-c.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
};
process.on("exit", killAll);

await applyMigrations({ log: () => undefined });
if (!values.reuse) {
  const t = performance.now();
  let last = -1;
  // A few more customers than emails: some generated customers have no address.
  await loadDemoData({
    customers: Math.ceil(EMAILS * 1.05) + 100,
    onProgress: (p) => {
      if (Math.floor(p.percent / 20) !== last) {
        last = Math.floor(p.percent / 20);
        process.stderr.write(`  loading demo data: ${p.percent.toFixed(0)}% (${p.phase})\n`);
      }
    },
  });
  await rebuildCustomerFeatures({});
  // Everyone with an address may be emailed (the demo's own consents and suppressions aside), and the
  // audience is the first EMAILS of them.
  await db.$executeRawUnsafe(`DELETE FROM suppressions`);
  await db.$executeRawUnsafe(`INSERT INTO consent_records (customer_id, purpose, status, source, occurred_at)
    SELECT id, 'email_marketing', 'granted', 'admin', now() FROM customers WHERE email LIKE '%@%'`);
  await db.$executeRawUnsafe(
    `INSERT INTO segments (id, name, rules, build_status) VALUES ('bench-send', 'Bench audience', '{"type":"group","op":"and","children":[]}', 'idle')`,
  );
  await db.$executeRawUnsafe(`INSERT INTO segment_members (segment_id, customer_id)
    SELECT 'bench-send', id FROM customers WHERE email LIKE '%@%' ORDER BY id LIMIT ${EMAILS}`);
  await db.$executeRawUnsafe(
    `UPDATE settings SET postal_address = '1 Market Street, Leeds LS1 1AA', sender_email = 'news@bench.test', frequency_cap_count = NULL`,
  );
  await db.$executeRawUnsafe("ANALYZE");
  line(`Prepared ${fmt(EMAILS)} mailable customers in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
// The audience: the first EMAILS customers with an address (a kept database may hold more).
await db.$executeRawUnsafe(`DELETE FROM segment_members WHERE segment_id = 'bench-send'`);
await db.$executeRawUnsafe(`INSERT INTO segment_members (segment_id, customer_id)
  SELECT 'bench-send', id FROM customers WHERE email LIKE '%@%' ORDER BY id LIMIT ${EMAILS}`);
await db.$executeRawUnsafe(`DELETE FROM campaigns`);
await db.$executeRawUnsafe(`DELETE FROM frequency_cap_sends`);
const [{ n: audience } = { n: 0 }] = await db.$queryRawUnsafe<{ n: number }[]>(
  `SELECT count(*)::int AS n FROM segment_members WHERE segment_id = 'bench-send'`,
);
if (audience < EMAILS)
  throw new Error(`The kept database holds ${audience} recipients, fewer than --emails ${EMAILS}: run without --reuse.`);
if (values.pool) await db.sendingAccount.update({ where: { id: "default" }, data: { poolSize: Number(values.pool) } });
const { poolSize } = await db.sendingAccount.findUniqueOrThrow({ where: { id: "default" }, select: { poolSize: true } });

// The sink, in its own process.
const sinkProcess = spawn(tsx, [path.join(root, "scripts/bench/send-sink.ts"), "0", path.join(scratch, "sample.jsonl")], {
  cwd: root,
  detached: true,
  stdio: ["pipe", "pipe", "inherit"],
});
children.push(sinkProcess);
const sinkLines = createInterface({ input: sinkProcess.stdout! });
const waiting: ((v: Record<string, number>) => void)[] = [];
let sinkPort = 0;
const listening = new Promise<void>((resolve) => {
  sinkLines.on("line", (l) => {
    const msg = JSON.parse(l) as Record<string, number>;
    if (msg.listening) {
      sinkPort = msg.listening;
      resolve();
    } else waiting.shift()?.(msg);
  });
});
const ask = (command: string) =>
  new Promise<Record<string, number>>((resolve) => {
    waiting.push(resolve);
    sinkProcess.stdin!.write(`${command}\n`);
  });
await listening;
const smtpUrl = `smtp://127.0.0.1:${sinkPort}`;

// The workers, started (and warmed up) before the clock starts.
const workerEnv = { ...process.env, SMTP_URL: smtpUrl } as NodeJS.ProcessEnv;
const workers: ChildProcess[] = [];
for (let i = 0; i < WORKERS; i++) {
  const w = values.profile
    ? spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`, "--import", "tsx", "workers/index.ts"], {
        cwd: root,
        env: workerEnv,
        detached: true,
        stdio: ["ignore", "pipe", "inherit"],
      })
    : spawn(tsx, ["workers/index.ts"], { cwd: root, env: workerEnv, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  children.push(w);
  workers.push(w);
  await new Promise<void>((resolve, reject) => {
    w.stdout!.on("data", (b: Buffer) => {
      if (b.toString().includes("Tailor worker started")) resolve();
    });
    w.once("exit", (code) => reject(new Error(`a worker exited (${code}) before starting`)));
  });
}
const templateId = (await createTemplate({ name: "Bench newsletter", fromGallery: "newsletter", createdById: null, actor })).id;
const { id: campaignId } = await createCampaign({
  input: { name: "Bench", includeSegmentIds: ["bench-send"], templateId },
  actor,
});
const pg = postgresCpu(async () =>
  (await db.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).map((r) => r.pid),
);
await new Promise((r) => setTimeout(r, 2000)); // let the workers settle
const cpuBefore = { workers: workers.map((w) => processGroupCpu(w.pid!)), sink: processGroupCpu(sinkProcess.pid!) };
const transactions = async () =>
  (
    await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT (xact_commit + xact_rollback)::float8 AS n FROM pg_stat_database WHERE datname = current_database()`,
    )
  )[0]!.n;
const transactionsBefore = await transactions();
await pg.start();
const start = Date.now();
await scheduleCampaign({ id: campaignId, actor });
let progressAt = 0;
for (;;) {
  const report = await ask("report");
  // The ledger is asked only once the sink has everything: counting a large campaign's open rows
  // four times a second would add the bench's own work to Tailor's Postgres CPU.
  if (report.accepted! >= EMAILS) {
    const [open] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM campaign_sends WHERE campaign_id = $1 AND state IN ('queued', 'sending')`,
      campaignId,
    );
    const finished = (await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } })).status === "finished";
    if (finished && open!.n === 0) break;
  }
  if (Date.now() - progressAt > 10_000) {
    progressAt = Date.now();
    process.stderr.write(`  Tailor: ${fmt(report.accepted!)} accepted by the sink after ${((Date.now() - start) / 1000).toFixed(0)} s\n`);
  }
  await new Promise((r) => setTimeout(r, 250));
}
const tailorReport = await ask("report");
const pgSeconds = await pg.stop();
// The statistics lag by up to a second: the send's statements are all in by now (and the bench's own polls are few).
await new Promise((r) => setTimeout(r, 1500));
const transactionsUsed = (await transactions()) - transactionsBefore;
const workerSeconds = workers.map((w, i) => processGroupCpu(w.pid!) - cpuBefore.workers[i]!);
const sinkSeconds = processGroupCpu(sinkProcess.pid!) - cpuBefore.sink;
const tailorSeconds = (tailorReport.last! - start) / 1000;
const addresses = (
  await db.$queryRawUnsafe<{ email: string }[]>(`SELECT email FROM campaign_sends WHERE campaign_id = $1`, campaignId)
).map((r) => r.email);
const { missing } = await ask(`missing ${JSON.stringify(addresses)}`);
const sent = addresses.length;
await ask("sample");
for (const w of workers) process.kill(-w.pid!, "SIGTERM");

// The bare loop, against the same sink.
await ask("reset");
const sinkBareBefore = processGroupCpu(sinkProcess.pid!);
const bare = spawn(
  tsx,
  [path.join(root, "scripts/bench/send-bare.ts"), smtpUrl, String(poolSize), String(EMAILS), path.join(scratch, "sample.jsonl")],
  {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  },
);
children.push(bare);
let bareOut = "";
bare.stdout!.on("data", (b: Buffer) => (bareOut += b.toString()));
let bareCpuSeen = 0;
const bareCpuWatch = setInterval(() => (bareCpuSeen = Math.max(bareCpuSeen, processGroupCpu(bare.pid!))), 200);
await new Promise((resolve) => bare.once("exit", resolve));
clearInterval(bareCpuWatch);
const bareReport = await ask("report");
const bareSinkSeconds = processGroupCpu(sinkProcess.pid!) - sinkBareBefore;
const bareResult = JSON.parse(bareOut.trim().split("\n").pop() ?? "{}") as { cpuSeconds?: number };
const bareSeconds = (bareReport.last! - bareReport.first!) / 1000;

const tailorRate = EMAILS / tailorSeconds;
const bareRate = bareReport.accepted! / bareSeconds;
const per1000 = (s: number, n: number) => `${((s / n) * 1000).toFixed(2)} CPU-s`;
line(
  `Tailor: ${fmt(sent)} personalized newsletters in ${tailorSeconds.toFixed(1)} s = ${fmt(tailorRate)} emails/s (fan-out to the last message the sink accepted; ${WORKERS} worker process(es), pool ${poolSize})`,
);
line(
  `  CPU per 1,000 emails: workers ${workerSeconds.map((s) => per1000(s, EMAILS)).join(" + ")}, Postgres ${pgSeconds === null ? "n/a" : per1000(pgSeconds, EMAILS)}, sink ${per1000(sinkSeconds, EMAILS)}`,
);
line(`  Postgres transactions per 1,000 emails: ${fmt((transactionsUsed / EMAILS) * 1000)} (the send ledger's statements, chunk queries)`);
line(
  `Bare loop (one process, nodemailer pool of ${poolSize}, the same raw messages, the same sink): ${fmt(bareReport.accepted!)} in ${bareSeconds.toFixed(1)} s = ${fmt(bareRate)} emails/s`,
);
line(
  `  CPU per 1,000 emails: sender ${bareResult.cpuSeconds === undefined ? "n/a" : per1000(bareResult.cpuSeconds, bareReport.accepted!)}, sink ${per1000(bareSinkSeconds, bareReport.accepted!)}`,
);
line(
  `Load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")} (2 cores shared)`,
);
line(`duplicates ${tailorReport.duplicates}`);
line(`missing ${missing}`);
line(`ratio ${(tailorRate / bareRate).toFixed(2)}`);

sinkProcess.kill("SIGKILL");
rmSync(scratch, { recursive: true, force: true });
await closeQueues();
await disconnectDb();
if (!values.keep) await benchDb.drop();
process.exit(0);
