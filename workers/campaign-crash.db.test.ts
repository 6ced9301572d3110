// Sending with real worker processes: kill -9, a Redis restart, two workers sharing a rate limit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort, startRedis } from "../test/redis-server";
import { startSmtpSink, waitFor, type SmtpSink } from "../test/smtp-sink";
import { spawnWorker, type WorkerProcess } from "../test/spawn-worker";
import { db } from "../lib/db";
import { env, setEnv } from "../lib/env";
import { closeQueues } from "../lib/jobs/get-queue";
import { seedCustomers, seedSegment, seedSettings, seedTemplate, testActor } from "../lib/campaigns/campaign-fixtures";
import { createCampaign } from "../lib/campaigns/create-campaign";
import { scheduleCampaign } from "../lib/campaigns/schedule-campaign";

const POOL = 3;
let sink: SmtpSink;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  // Messages stay in flight for a while, so that a kill catches some on the wire.
  sink = await startSmtpSink({ delayMs: 15, keepRaw: false });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await sink.close();
});
beforeEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  sink.received.length = 0;
  await db.$executeRawUnsafe("TRUNCATE customers, segments, campaigns, email_templates, frequency_cap_sends RESTART IDENTITY CASCADE");
  await db.sendingAccount.update({ where: { id: "default" }, data: { perSecond: null, perHour: null, poolSize: POOL } });
  await seedSettings();
});

function startWorker(extra: Record<string, string> = {}): WorkerProcess {
  const w = spawnWorker({
    SMTP_URL: sink.url,
    CAMPAIGN_LEASE_MS: "2000",
    DATABASE_URL: env().DATABASE_URL,
    QUEUE_PREFIX: env().QUEUE_PREFIX,
    ...extra,
  });
  workers.push(w);
  return w;
}

async function newCampaign(n: number): Promise<string> {
  const ids = await seedCustomers(n);
  const { id } = await createCampaign({
    input: { name: "Crash test", includeSegmentIds: [await seedSegment("All", ids)], templateId: await seedTemplate("welcome") },
    actor: testActor,
  });
  return id;
}

const finished = async (id: string) =>
  (await db.campaign.findUniqueOrThrow({ where: { id }, select: { status: true } })).status === "finished";

/** At least once for every row, copies beyond one at most `bound`, each extra copy with the first one's Message-ID and flagged in the ledger. */
async function expectAtLeastOnce(id: string, n: number, bound: number): Promise<{ extras: number }> {
  const rows = await db.campaignSend.findMany({
    where: { campaignId: id },
    select: { email: true, state: true, messageId: true, possibleDuplicate: true },
  });
  expect(rows).toHaveLength(n);
  expect(rows.every((r) => r.state === "sent")).toBe(true);
  const copies = new Map<string, string[]>();
  for (const r of sink.received) copies.set(r.to, [...(copies.get(r.to) ?? []), r.messageId]);
  for (const row of rows) {
    const got = copies.get(row.email!) ?? [];
    expect(got.length, `copies of ${row.email}`).toBeGreaterThanOrEqual(1);
    expect(new Set(got), `Message-IDs of ${row.email}`).toEqual(new Set([row.messageId]));
    if (got.length > 1) expect(row.possibleDuplicate, `${row.email} flagged`).toBe(true);
  }
  const extras = sink.received.length - copies.size;
  expect(extras).toBeLessThanOrEqual(bound);
  return { extras };
}

describe("crash safety with real worker processes", () => {
  it(
    "kill -9 at random moments, several times: every recipient at least once, extras within the pool size per kill",
    { timeout: 300_000 },
    async () => {
      const n = 600;
      const id = await newCampaign(n);
      let worker = startWorker();
      await worker.ready;
      await scheduleCampaign({ id, actor: testActor });
      const kills = 3;
      for (let k = 0; k < kills; k++) {
        const target = sink.received.length + 20 + Math.floor(Math.random() * 100);
        await waitFor(() => sink.received.length >= Math.min(target, n - 50), `${target} messages before kill ${k + 1}`, 120_000);
        await new Promise((r) => setTimeout(r, Math.random() * 200));
        worker.kill9();
        worker = startWorker();
        await worker.ready;
      }
      await waitFor(() => finished(id), "the campaign to finish", 180_000);
      const { extras } = await expectAtLeastOnce(id, n, kills * POOL);
      console.log(
        `kill -9 ×${kills}: ${sink.received.length} messages for ${n} recipients (${extras} extra copies, bound ${kills * POOL})`,
      );
    },
  );

  it("a Redis restart (its own redis-server) loses every job, and the send still completes", { timeout: 300_000 }, async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const restoreRedis = setEnv({ REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      const n = 400;
      const id = await newCampaign(n);
      const worker = startWorker({ REDIS_URL: `redis://127.0.0.1:${port}` });
      await worker.ready;
      await scheduleCampaign({ id, actor: testActor });
      await waitFor(() => sink.received.length >= 60, "the first messages", 120_000);
      redis.kill("SIGKILL");
      await new Promise((r) => setTimeout(r, 1000));
      redis = await startRedis(port); // empty: no persistence, every queued job is gone
      await waitFor(() => finished(id), "the campaign to finish after the restart", 180_000);
      await expectAtLeastOnce(id, n, POOL);
    } finally {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await closeQueues();
      redis.kill("SIGKILL");
      restoreRedis();
    }
  });

  it("two worker processes share the sending account's rate limit", { timeout: 300_000 }, async () => {
    const perSecond = 20;
    await db.sendingAccount.update({ where: { id: "default" }, data: { perSecond } });
    const n = 200;
    const id = await newCampaign(n);
    // Chunks of 25, so that both processes send.
    const [a, b] = [startWorker({ CAMPAIGN_CHUNK_SIZE: "25" }), startWorker({ CAMPAIGN_CHUNK_SIZE: "25" })];
    await Promise.all([a.ready, b.ready]);
    const owners = new Set<string>();
    const watch = setInterval(() => {
      void db.campaignChunk
        .findMany({ where: { campaignId: id, leaseOwner: { not: null } }, select: { leaseOwner: true } })
        .then((rows) => {
          for (const r of rows) owners.add(r.leaseOwner!.split(":")[1]!);
        });
    }, 100);
    await scheduleCampaign({ id, actor: testActor });
    await waitFor(() => finished(id), "the campaign to finish", 180_000);
    clearInterval(watch);
    expect(sink.received).toHaveLength(n);
    expect(owners.size).toBe(2);
    // Fixed one-second windows on Redis' clock: no wall-clock second of the sink holds more than the
    // limit plus what was in flight across a window's edge (the pool of each process).
    const perSecondAtSink = new Map<number, number>();
    for (const r of sink.received) perSecondAtSink.set(Math.floor(r.at / 1000), (perSecondAtSink.get(Math.floor(r.at / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecondAtSink.values())).toBeLessThanOrEqual(perSecond + 2 * POOL);
    const span = (Math.max(...sink.received.map((r) => r.at)) - Math.min(...sink.received.map((r) => r.at))) / 1000;
    expect(span).toBeGreaterThanOrEqual(n / perSecond - 2);
  });
});
