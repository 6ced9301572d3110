import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { startIngest, type IngestFixture } from "../test/ingest-fixture";
import { db } from "../lib/db";
import { closeQueues } from "../lib/jobs/get-queue";
import { saveSegment } from "../lib/segments/save-segment";
import { segmentRulesSchema } from "../lib/segments/schemas";
import { waitForSegmentBuilds } from "../test/wait-for-segment-builds";
import { startWorkers } from "./start-workers";

// The whole path a marketer relies on: a site's tracking call → accepted → folded onto a profile
// by the worker → the segments that event can affect re-evaluate that customer.
let ingest: IngestFixture;

beforeAll(async () => {
  ingest = await startIngest({ wakeWorker: true });
});

afterAll(async () => {
  await ingest.close();
  await closeQueues();
});

describe("a tracked event changes segment membership", () => {
  it("enters the person into a segment on 'Added to Cart' within seconds of the call", async () => {
    const rules = segmentRulesSchema.parse({
      type: "group",
      op: "and",
      children: [{ type: "condition", kind: "event", eventType: "Added to Cart", window: { type: "last", amount: 7, unit: "days" } }],
    });
    const segment = await saveSegment({ input: { name: "Carts this week", description: "", rules }, actor: systemActor("system") });
    const workers = startWorkers({ log: () => undefined, schedule: false });
    try {
      await waitForSegmentBuilds();
      expect(await db.segmentMember.count({ where: { segmentId: segment.id } })).toBe(0);
      const res = await ingest.send("/api/v1/track", {
        userId: "shopper-1",
        event: "Added to Cart",
        properties: { sku: "A1" },
        messageId: "cart-1",
      });
      expect(res.status).toBe(200);
      await expect
        .poll(
          async () =>
            (
              await db.segmentMember.findMany({
                where: { segmentId: segment.id },
                include: { customer: { include: { identities: true } } },
              })
            ).flatMap((m) => m.customer.identities.map((i) => i.value)),
          { timeout: 10_000, interval: 50 },
        )
        .toContain("shopper-1");
      const transitions = await db.segmentTransition.findMany({ where: { segmentId: segment.id } });
      expect(transitions.map((t) => [t.kind, t.cause])).toEqual([["enter", "change"]]);
    } finally {
      await workers.close();
    }
  });
});

// A tracked call's context.timezone becomes the profile's `timezone` attribute: segments on that
// attribute re-evaluate the person as the call arrives, on both paths of the tracking worker.
const membersOf = async (segmentId: string) =>
  (await db.segmentMember.findMany({ where: { segmentId }, include: { customer: { include: { identities: true } } } })).flatMap((m) =>
    m.customer.identities.map((i) => i.value),
  );

describe("a tracked context.timezone changes segment membership", () => {
  it("enters a known person (set-based path) and a new one (identity resolution) into a segment on attributes.timezone", async () => {
    const rules = segmentRulesSchema.parse({
      type: "group",
      op: "and",
      children: [
        { type: "condition", kind: "attribute", field: "timezone", custom: true, valueType: "text", op: "eq", value: "Europe/Paris" },
      ],
    });
    const segment = await saveSegment({ input: { name: "In Paris time", description: "", rules }, actor: systemActor("system") });
    const workers = startWorkers({ log: () => undefined, schedule: false });
    try {
      await waitForSegmentBuilds();
      // A known person: a first call makes the profile, without a zone.
      expect((await ingest.send("/api/v1/track", { userId: "known-1", event: "Viewed", messageId: "tz-1" })).status).toBe(200);
      await expect.poll(() => db.identity.count({ where: { value: "known-1" } }), { timeout: 10_000, interval: 50 }).toBe(1);
      expect(await membersOf(segment.id)).toEqual([]);

      // Known by then, the next call takes the set-based path; its context carries the zone.
      await ingest.send("/api/v1/track", { userId: "known-1", event: "Viewed", messageId: "tz-2", context: { timezone: "Europe/Paris" } });
      // A new person's first call goes through identity resolution, with the zone.
      await ingest.send("/api/v1/page", { anonymousId: "new-1", name: "Home", messageId: "tz-3", context: { timezone: "Europe/Paris" } });
      await expect
        .poll(() => membersOf(segment.id), { timeout: 10_000, interval: 50 })
        .toEqual(expect.arrayContaining(["known-1", "new-1"]));
      const zones = await db.customer.findMany({ where: { identities: { some: { value: { in: ["known-1", "new-1"] } } } } });
      expect(zones.map((c) => (c.attributes as Record<string, unknown>).timezone)).toEqual(["Europe/Paris", "Europe/Paris"]);
    } finally {
      await workers.close();
    }
  });
});
