import { beforeAll, describe, expect, it } from "vitest";
import { trackingCallsCommitter, createSecretKey } from "../../test/tracking-calls";
import { db } from "../db";
import { instantOfWallTime } from "../flows/zoned-time";
import { processTrackingEvents } from "../identity/process-tracking-events";
import { getQueue } from "../jobs/get-queue";
import { campaignChunkJob } from "../jobs/campaign-jobs";
import type { TrackingEndpoint } from "../tracking/parse-tracking-body";
import { seedCustomers, seedSegment, seedSettings, seedTemplate, testActor } from "./campaign-fixtures";
import { createCampaign } from "./create-campaign";
import { fanOutCampaign } from "./fan-out-campaign";
import { fanOutAt, scheduleCampaign } from "./schedule-campaign";
import { sweepCampaigns } from "./sweep-campaigns";

const { commit } = trackingCallsCommitter("tz");
let keyId: string;

async function track(endpoint: TrackingEndpoint, call: Record<string, unknown>): Promise<void> {
  await commit(keyId, [endpoint, call]);
  await processTrackingEvents();
}

/** `hour`:00 on `day` (YYYY-MM-DD) in `timeZone`, as a moment (computed with Intl, independently of PostgreSQL). */
const zonedHour = (day: string, hour: number, timeZone: string) =>
  instantOfWallTime(timeZone, Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00Z`));

const timeZoneOf = async (customerId: number) =>
  ((await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { attributes: true } })).attributes as Record<string, unknown>)
    .timezone;

let tracked: number;
let japan: number;
let nowhere: number;
let badZone: number;

beforeAll(async () => {
  keyId = await createSecretKey("Web", "web");
  await seedSettings();
  await db.setting.update({ where: { id: 1 }, data: { timeZone: "Europe/London" } });
  [tracked, japan, nowhere, badZone] = (await seedCustomers(4, { prefix: "tz" })) as [number, number, number, number];
  await db.customer.update({ where: { id: japan }, data: { country: "Japan" } });
  await db.customer.update({ where: { id: badZone }, data: { country: "FR", attributes: { timezone: "Mars/Olympus_Mons" } } });
});

describe("local-hour campaigns", () => {
  it("keeps the latest time zone a person's tracked calls carried (context.timezone) on the profile", async () => {
    await db.identity.create({ data: { customerId: tracked, type: "external_id", source: "web", value: "tz-user" } });
    // An identify (resolved in Node), then a track call of a known person (the set-based path): the latest zone wins.
    await track("identify", { userId: "tz-user", context: { timezone: "America/New_York" } });
    expect(await timeZoneOf(tracked)).toBe("America/New_York");
    await track("track", { userId: "tz-user", event: "Product Viewed", context: { timezone: "America/Los_Angeles" } });
    expect(await timeZoneOf(tracked)).toBe("America/Los_Angeles");
    await track("track", { userId: "tz-user", event: "Product Viewed" });
    expect(await timeZoneOf(tracked)).toBe("America/Los_Angeles");
  });

  it("makes each recipient due at the hour in their own zone: tracked, else the country's, else the installation's", async () => {
    const templateId = await seedTemplate("newsletter");
    const segment = await seedSegment("Everywhere", [tracked, japan, nowhere, badZone]);
    // Ten days ahead, at noon in London: the day is the installation's.
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const { id } = await createCampaign({
      input: {
        name: "Morning note",
        includeSegmentIds: [segment],
        templateId,
        scheduleKind: "local_hour",
        scheduledAt: zonedHour(day, 12, "Europe/London"),
        localHour: 9,
      },
      actor: testActor,
    });
    await scheduleCampaign({ id, actor: testActor });
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id } });
    // The fan-out waits until the first time zone on Earth (UTC+14) reaches 9:00 that day…
    const start = fanOutAt(campaign, "Europe/London")!;
    expect(start).toEqual(zonedHour(day, 9, "Pacific/Kiritimati"));
    expect(await fanOutCampaign({ campaignId: id, now: new Date(start.getTime() - 60_000) })).toEqual({ status: "not-due" });
    // …then freezes everyone, each due at 9:00 where they are.
    expect(await fanOutCampaign({ campaignId: id, now: start })).toMatchObject({ status: "frozen", recipients: 4, chunks: 4 });
    const due = await db.$queryRaw<{ customer_id: number; due_at: Date; chunk: number }[]>`
      SELECT s.customer_id, ch.due_at, ch.chunk FROM campaign_sends s JOIN campaign_chunks ch ON ch.campaign_id = s.campaign_id AND ch.chunk = s.chunk
      WHERE s.campaign_id = ${id}`;
    const dueOf = (customerId: number) => due.find((d) => d.customer_id === customerId)!;
    expect(dueOf(tracked).due_at).toEqual(zonedHour(day, 9, "America/Los_Angeles"));
    expect(dueOf(japan).due_at).toEqual(zonedHour(day, 9, "Asia/Tokyo"));
    expect(dueOf(nowhere).due_at).toEqual(zonedHour(day, 9, "Europe/London"));
    expect(dueOf(badZone).due_at).toEqual(zonedHour(day, 9, "Europe/Paris"));

    // The chunk jobs wait in the queue until then, and the workers' sweep sends nothing early.
    const queue = getQueue(campaignChunkJob.name);
    for (const d of due) {
      const job = await queue.getJob(`chunk-${id}-${d.chunk}`);
      expect(await job!.getState()).toBe("delayed");
      expect(Math.abs(job!.timestamp + (job!.opts.delay ?? 0) - d.due_at.getTime())).toBeLessThan(5_000);
    }
    expect((await sweepCampaigns()).chunks).toBe(0);
    expect(await db.campaignSend.count({ where: { campaignId: id, state: "queued" } })).toBe(4);
  });
});
