import { afterAll, describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { setEnv } from "../env";
import { closeQueues } from "../jobs/get-queue";
import { processTrackingJob } from "../jobs/process-tracking-job";
import { createApiKey } from "../tracking/create-api-key";

afterAll(async () => {
  await closeQueues();
});

const context = { jobId: "segment-refresh-test", attemptsMade: 0, progress: async () => undefined };

async function waitingCall(apiKeyId: string, messageId: string, anonymousId: string) {
  await db.$executeRaw`
    INSERT INTO tracking_events (message_id, api_key_id, type, anonymous_id, payload, occurred_at)
    VALUES (${messageId}, ${apiKeyId}, 'track', ${anonymousId}, ${JSON.stringify({ event: "Viewed", anonymousId })}::jsonb, now())`;
}

describe("tracking processing when the segments cannot be told", () => {
  it("keeps the calls folded into profiles, once, and says the segments lag behind", async () => {
    const key = await createApiKey({ input: { label: "Site", kind: "public", source: "website" }, actor: systemActor("system") });
    await waitingCall(key.id, "refresh-1", "refresh-anon-1");
    await waitingCall(key.id, "refresh-2", "refresh-anon-2");

    // Redis (the segment re-evaluation queue) does not answer; Postgres does.
    const restore = setEnv({ REDIS_URL: "redis://127.0.0.1:1" });
    let result: Awaited<ReturnType<typeof processTrackingJob.handle>>;
    try {
      result = await processTrackingJob.handle({ reason: "sweep" }, context);
    } finally {
      restore();
    }
    expect(result.processed).toBe(2);
    expect(result.segmentRefreshErrors).toHaveLength(1);
    expect(result.segmentRefreshErrors[0]).toMatch(
      /^Segments were not updated after tracking calls: Redis is not answering at 127\.0\.0\.1:1.*\(a segment rebuild catches up\)$/,
    );
    // The calls were committed before the segments were to be told: written, marked, not retried.
    expect(await db.event.count({ where: { messageId: { in: ["refresh-1", "refresh-2"] }, apiKeyId: key.id } })).toBe(2);
    expect(await db.trackingEvent.count({ where: { messageId: { in: ["refresh-1", "refresh-2"] }, processedAt: null } })).toBe(0);

    // With Redis back, nothing is processed again and nothing fails.
    const again = await processTrackingJob.handle({ reason: "sweep" }, context);
    expect(again).toEqual({ processed: 0, segmentRefreshErrors: [] });
    expect(await db.event.count({ where: { messageId: { in: ["refresh-1", "refresh-2"] } } })).toBe(2);
  });
});
