import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { processTrackingEvents } from "../identity/process-tracking-events";
import { closeQueues } from "../jobs/get-queue";
import { startIngest, type IngestFixture } from "../../test/ingest-fixture";

let ingest: IngestFixture;

beforeAll(async () => {
  ingest = await startIngest();
});

afterAll(async () => {
  await ingest.close();
  await closeQueues();
});

const consentCall = (messageId: string, prefs: Record<string, unknown>, timestamp: string) =>
  ingest.send("/api/v1/track", {
    userId: "u-1",
    event: "Segment Consent Preference Updated",
    messageId,
    timestamp,
    context: { ip: "203.0.113.9", userAgent: "Mozilla/5.0 test", consent: { categoryPreferences: prefs } },
  });

describe("consent carried by the tracking API", () => {
  it("records Segment's consent event per known purpose, with proof; a later false withdraws", async () => {
    expect(
      (await consentCall("c-1", { email_marketing: true, personalization: false, advertising: true }, "2026-01-01T10:00:00Z")).status,
    ).toBe(200);
    await processTrackingEvents();
    const records = await db.consentRecord.findMany({ orderBy: { purpose: "asc" } });
    expect(records.map((r) => [r.purpose, r.status, r.source])).toEqual([
      ["email_marketing", "granted", "tracking_api"],
      ["personalization", "denied", "tracking_api"],
    ]);
    expect(records[0]!.proof).toMatchObject({ ip: "203.0.113.9", userAgent: "Mozilla/5.0 test" });
    expect(records[0]!.occurredAt.toISOString()).toBe("2026-01-01T10:00:00.000Z");

    await consentCall("c-2", { email_marketing: false }, "2026-02-01T10:00:00Z");
    await processTrackingEvents();
    const latest = await db.consentRecord.findFirst({ where: { purpose: "email_marketing" }, orderBy: { occurredAt: "desc" } });
    expect(latest).toMatchObject({ status: "withdrawn", source: "tracking_api" });
  });

  it("ignores ordinary events that only carry the preference object", async () => {
    const before = await db.consentRecord.count();
    await ingest.send("/api/v1/track", {
      userId: "u-2",
      event: "Product Viewed",
      messageId: "pv-1",
      context: { consent: { categoryPreferences: { email_marketing: true } } },
    });
    await processTrackingEvents();
    expect(await db.consentRecord.count()).toBe(before);
  });
});
