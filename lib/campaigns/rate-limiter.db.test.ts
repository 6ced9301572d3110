import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startRedis } from "../../test/redis-server";
import { db } from "../db";
import { setEnv } from "../env";
import { seedCustomers, seedSegment, seedSettings, seedTemplate, testActor } from "./campaign-fixtures";
import { createCampaign } from "./create-campaign";
import { fanOutCampaign } from "./fan-out-campaign";
import { closeRateLimiter, takeSendTokens } from "./rate-limiter";
import { scheduleCampaign } from "./schedule-campaign";

let redis: ChildProcess;
let port: number;
let restoreEnv: () => void;

beforeAll(async () => {
  port = await freePort();
  redis = await startRedis(port);
  restoreEnv = setEnv({ REDIS_URL: `redis://127.0.0.1:${port}` });
  await seedSettings();
});
afterAll(() => {
  closeRateLimiter();
  redis.kill("SIGKILL");
  restoreEnv();
});

/** A campaign of `n` recipients on the default account (10 an hour), its ledger frozen. */
async function frozenCampaign(n: number): Promise<{ id: string; ids: number[] }> {
  await db.sendingAccount.update({ where: { id: "default" }, data: { perHour: 10, perSecond: null } });
  const ids = await seedCustomers(n);
  const { id } = await createCampaign({
    input: { name: "Hourly", includeSegmentIds: [await seedSegment("Audience", ids)], templateId: await seedTemplate("welcome") },
    actor: testActor,
  });
  await scheduleCampaign({ id, actor: testActor });
  await fanOutCampaign({ campaignId: id });
  return { id, ids };
}

describe("the hourly rate limit across a Redis restart", () => {
  it("counts again, from the send ledger, what went out this hour (in flight included) once Redis lost its counter", async () => {
    const limits = { accountId: "default", perSecond: null, perHour: 10 };
    const { id, ids } = await frozenCampaign(12);

    // Seven sends granted and made: five recorded sent, two still on the wire when Redis goes away.
    expect(await takeSendTokens(limits, 7)).toEqual({ granted: 7, waitMs: 0 });
    const [sent, inFlight] = [ids.slice(0, 5), ids.slice(5, 7)];
    await db.$executeRaw`UPDATE campaign_sends SET state = 'sent', sent_at = now(), updated_at = now() WHERE campaign_id = ${id} AND customer_id = ANY(${sent}::int[])`;
    await db.$executeRaw`UPDATE campaign_sends SET state = 'sending', updated_at = now() WHERE campaign_id = ${id} AND customer_id = ANY(${inFlight}::int[])`;
    expect((await takeSendTokens(limits, 2)).granted).toBe(2);
    await db.$executeRaw`UPDATE campaign_sends SET state = 'sent', sent_at = now(), updated_at = now() WHERE campaign_id = ${id} AND customer_id = ANY(${ids.slice(7, 9)}::int[])`;

    redis.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    redis = await startRedis(port); // empty: no persistence

    // 5 + 2 sent and 2 in flight in the last hour: one more is allowed, then nothing until the first is an hour old.
    const after = await takeSendTokens(limits, 5);
    expect(after.granted).toBe(1);
    expect(after.waitMs).toBeGreaterThan(3_600_000 - 60_000);
    expect(after.waitMs).toBeLessThanOrEqual(3_600_000 + 1000);
    expect(await takeSendTokens(limits, 1)).toMatchObject({ granted: 0 });
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the hourly rate limit is a rolling hour", () => {
  it("counts what went out in the last 60 minutes, the previous clock hour's last minutes included", async () => {
    // Sends one minute before this clock hour began: within the last hour unless it is nearly over.
    if (Date.now() % 3_600_000 > 57 * 60_000) await sleep(3_600_000 - (Date.now() % 3_600_000) + 500);
    // A fresh Redis and ledger: nothing sent before but what this test writes.
    redis.kill("SIGKILL");
    redis = await startRedis(port);
    await db.$executeRawUnsafe("TRUNCATE campaigns, customers RESTART IDENTITY CASCADE");
    const { id, ids } = await frozenCampaign(10);
    await db.$executeRaw`
      UPDATE campaign_sends SET state = 'sent', sent_at = date_trunc('hour', now()) - interval '1 minute', updated_at = now()
      WHERE campaign_id = ${id} AND customer_id = ANY(${ids.slice(0, 6)}::int[])`;

    // Redis holds no count (a fresh server): the limiter reads the last hour from the ledger.
    const limits = { accountId: "default", perSecond: null, perHour: 10 };
    const first = await takeSendTokens(limits, 10);
    expect(first.granted).toBe(4);
    // The next place frees when those six sends are an hour old, not at the top of the clock hour.
    const sixSentAt = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 60_000;
    expect(first.waitMs).toBeGreaterThan(sixSentAt + 3_600_000 - Date.now() - 5_000);
    expect(first.waitMs).toBeLessThanOrEqual(sixSentAt + 3_600_000 - Date.now() + 5_000);
    expect(await takeSendTokens(limits, 1)).toMatchObject({ granted: 0 });
  });

  it("lets no more than the per-second limit through in any second, whatever the clock's second", async () => {
    const limits = { accountId: "per-second", perSecond: 5, perHour: null };
    // Start just before a clock second ends: a per-clock-second counter would allow 5 now and 5 more at once.
    await sleep(1000 - (Date.now() % 1000) - 50 + 1000);
    const a = await takeSendTokens(limits, 5);
    await sleep(100);
    const b = await takeSendTokens(limits, 5);
    expect(a.granted).toBe(5);
    expect(b.granted).toBe(0);
    expect(b.waitMs).toBeGreaterThan(0);
    expect(b.waitMs).toBeLessThanOrEqual(1000);
    await sleep(b.waitMs);
    expect((await takeSendTokens(limits, 5)).granted).toBe(5);
  });
});
