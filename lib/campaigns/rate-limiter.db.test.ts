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

describe("the hourly rate limit across a Redis restart", () => {
  it("counts again, from the send ledger, what went out this hour (in flight included) once Redis lost its counter", async () => {
    // The counter is per clock hour (Redis' clock): keep the test away from the hour's edge.
    const toNextHour = 3_600_000 - (Date.now() % 3_600_000);
    if (toNextHour < 20_000) await new Promise((r) => setTimeout(r, toNextHour + 500));

    const limits = { accountId: "default", perSecond: null, perHour: 10 };
    await db.sendingAccount.update({ where: { id: "default" }, data: { perHour: 10, perSecond: null } });
    const ids = await seedCustomers(12);
    const { id } = await createCampaign({
      input: { name: "Hourly", includeSegmentIds: [await seedSegment("Twelve", ids)], templateId: await seedTemplate("welcome") },
      actor: testActor,
    });
    await scheduleCampaign({ id, actor: testActor });
    await fanOutCampaign({ campaignId: id });

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

    // 5 + 2 sent and 2 in flight this hour: one more is allowed, then nothing until the next hour.
    const after = await takeSendTokens(limits, 5);
    expect(after.granted).toBe(1);
    expect(after.waitMs).toBeGreaterThan(0);
    expect(after.waitMs).toBeLessThanOrEqual(3_600_000 - (Date.now() % 3_600_000) + 1000);
    expect(await takeSendTokens(limits, 1)).toMatchObject({ granted: 0 });
  });
});
