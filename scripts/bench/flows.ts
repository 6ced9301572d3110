// npm run bench:flows — 100,000 people enter a flow through tracking calls spread over 3 minutes
// (the ingest process and the worker running as in production, in processes of their own), each waits
// 2 minutes and is then handed one small email. Prints the CPU each process used per 1,000 people and
// the load average, then exactly these lines: `entry lag p50 N ms, p99 N ms` (tracking call → flow
// entry), `wait accuracy p50 N ms, p99 N ms` (due time → message handed to the sender), `lost N`,
// `doubled N`. Its own database (tailor_bench_flows, dropped at the end unless BENCH_KEEP=1).
// Options: BENCH_PEOPLE (100000), BENCH_SPREAD_SECONDS (180), BENCH_WAIT_SECONDS (120), BENCH_PORT (3591).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { openBenchDatabase } from "./bench-database";

const root = path.resolve(import.meta.dirname, "../..");
const people = Number(process.env.BENCH_PEOPLE ?? 100_000);
const spreadSeconds = Number(process.env.BENCH_SPREAD_SECONDS ?? 180);
const waitSeconds = Number(process.env.BENCH_WAIT_SECONDS ?? 120);
const port = Number(process.env.BENCH_PORT ?? 3591);

process.env.TAILOR_SECRET ??= "bench-flows-secret-0123456789abcdef";
const bench = await openBenchDatabase({ name: "tailor_bench_flows", reuse: false });
const { applyMigrations } = await import("../../lib/migrations/apply-migrations");
await applyMigrations({});
const { db, disconnectDb } = await import("../../lib/db");
const { createApiKey } = await import("../../lib/tracking/create-api-key");
const { saveFlow } = await import("../../lib/flows/save-flow");
const { setFlowStatus } = await import("../../lib/flows/set-flow-status");
const actor = { id: null, label: "system" };

/** CPU milliseconds of a process and its descendants (Linux /proc). */
function cpuMsOfTree(pid: number): number {
  let total = 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    total += (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean))
        total += cpuMsOfTree(Number(child));
    } catch {
      // gone
    }
  }
  return total;
}

function launch(name: string, script: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, INGEST_PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  return child;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

const template = await db.emailTemplate.create({ data: { name: "Bench" }, select: { id: true } });
const { id: flowId } = await saveFlow({
  input: {
    name: "Bench cart",
    description: "",
    trigger: { kind: "event", event: "Added to Cart", where: [] },
    reentry: { kind: "once" },
    exitOn: [],
    steps: [
      { id: "wait", kind: "wait", duration: { amount: waitSeconds, unit: "seconds" } },
      { id: "email", kind: "send_email", templateId: template.id, category: "marketing" },
    ],
  },
  actor,
});
await setFlowStatus({ id: flowId, status: "active", actor });
const key = await createApiKey({ input: { label: "Bench", kind: "secret", source: "bench" }, actor });
const auth = `Basic ${Buffer.from(`${key.token}:`).toString("base64")}`;

const ingest = launch("ingest", "tracking-server/index.ts");
// The worker delivers too: nobody here has email consent, so each hand-off is checked and skipped (no SMTP).
const worker = launch("worker", "workers/index.ts");
const children = [ingest, worker];
const stopAll = () => {
  for (const c of children) {
    try {
      process.kill(-c.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
};
process.on("exit", stopAll);
// Stopped with Ctrl-C or kill: exit through the handler above, so the detached children stop too.
process.once("SIGINT", () => process.exit(130));
process.once("SIGTERM", () => process.exit(143));
for (let i = 0; ; i++) {
  try {
    await fetch(`http://127.0.0.1:${port}/api/v1/none`);
    break;
  } catch {
    if (i > 1200) throw new Error(`The ingest process did not listen on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
await new Promise((r) => setTimeout(r, 3000)); // the worker's first sweep
const cpuBefore = { ingest: cpuMsOfTree(ingest.pid!), worker: cpuMsOfTree(worker.pid!) };

// The calls: evenly spread, each person once, its send time kept by message id. They go through a
// bounded pool of kept-alive connections, as a real sender's HTTP client would: a call waiting for
// a connection counts in its lag (its time is taken when it is issued), and the bench never opens
// a socket per call in flight (which ran out of file descriptors when answers slowed down).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/v1/track",
        method: "POST",
        agent,
        headers: { authorization: auth, "content-type": "application/json" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
const sentAt = new Map<string, number>();
let accepted = 0;
let refused = 0;
const started = Date.now();
const tickMs = 100;
const inFlight = new Set<Promise<void>>();
for (let sent = 0; sent < people;) {
  const due = Math.min(people, Math.ceil(((Date.now() - started) / (spreadSeconds * 1000)) * people));
  for (; sent < due; sent++) {
    const messageId = `bench-${sent}`;
    const body = JSON.stringify({ userId: `person-${sent}`, event: "Added to Cart", properties: { value: 20 }, messageId });
    sentAt.set(messageId, Date.now());
    const p = post(body)
      .then((status) => {
        if (status >= 200 && status < 300) accepted++;
        else refused++;
      })
      .catch(() => void refused++)
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await new Promise((r) => setTimeout(r, tickMs));
}
await Promise.all(inFlight);
agent.destroy();
console.log(
  `Sent ${people.toLocaleString("en-GB")} tracking calls in ${((Date.now() - started) / 1000).toFixed(0)} s (${accepted} accepted, ${refused} refused)`,
);

// Until every entered person has been handed an email (or the waits are long over).
const deadline = Date.now() + (waitSeconds + 120) * 1000;
for (;;) {
  const [row] = await db.$queryRaw<{ runs: bigint; handed: bigint }[]>`
    SELECT (SELECT count(*) FROM flow_runs WHERE flow_id = ${flowId}) AS runs, (SELECT count(*) FROM flow_messages WHERE flow_id = ${flowId}) AS handed`;
  if ((Number(row!.runs) >= accepted && Number(row!.handed) >= Number(row!.runs)) || Date.now() > deadline) break;
  await new Promise((r) => setTimeout(r, 1000));
}
const cpu = { ingest: cpuMsOfTree(ingest.pid!) - cpuBefore.ingest, worker: cpuMsOfTree(worker.pid!) - cpuBefore.worker };
stopAll();

const entries = await db.$queryRaw<{ messageId: string; enteredMs: number }[]>`
  SELECT e.message_id AS "messageId", (extract(epoch FROM r.entered_at) * 1000)::float8 AS "enteredMs"
  FROM flow_runs r JOIN events e ON e.id = r.trigger_event_id WHERE r.flow_id = ${flowId}`;
const entryLag = entries
  .map((e) => e.enteredMs - (sentAt.get(e.messageId) ?? NaN))
  .filter(Number.isFinite)
  .sort((a, b) => a - b);
const waits = (
  await db.$queryRaw<{ ms: number }[]>`
    SELECT (extract(epoch FROM m.created_at - (s.started_at + make_interval(secs => ${waitSeconds}))) * 1000)::float8 AS ms
    FROM flow_messages m JOIN flow_run_steps s ON s.run_id = m.run_id AND s.step_id = 'wait' WHERE m.flow_id = ${flowId}`
).map((r) => r.ms);
waits.sort((a, b) => a - b);
const [counts] = await db.$queryRaw<{ people: bigint; messages: bigint; runs: bigint; runPeople: bigint }[]>`
  SELECT (SELECT count(DISTINCT customer_id) FROM flow_messages WHERE flow_id = ${flowId}) AS people,
         (SELECT count(*) FROM flow_messages WHERE flow_id = ${flowId}) AS messages,
         (SELECT count(*) FROM flow_runs WHERE flow_id = ${flowId}) AS runs,
         (SELECT count(DISTINCT customer_id) FROM flow_runs WHERE flow_id = ${flowId}) AS "runPeople"`;
const lost = accepted - Number(counts!.people);
const doubled = Number(counts!.messages) - Number(counts!.people) + (Number(counts!.runs) - Number(counts!.runPeople));

const perThousand = (ms: number) => ((ms / Math.max(1, accepted)) * 1000).toFixed(0);
console.log(`CPU per 1,000 people: worker ${perThousand(cpu.worker)} ms, ingest ${perThousand(cpu.ingest)} ms`);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} on ${os.cpus().length} cores`,
);
console.log(`entry lag p50 ${Math.round(percentile(entryLag, 50))} ms, p99 ${Math.round(percentile(entryLag, 99))} ms`);
console.log(`wait accuracy p50 ${Math.round(percentile(waits, 50))} ms, p99 ${Math.round(percentile(waits, 99))} ms`);
console.log(`lost ${lost}`);
console.log(`doubled ${doubled}`);
await disconnectDb();
if (!process.env.BENCH_KEEP) await bench.drop();
process.exit(0);
