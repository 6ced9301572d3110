import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { closeQueues } from "../lib/jobs/get-queue";
import { requestTrackingProcessing } from "../lib/jobs/request-tracking-processing";
import { saveSegment } from "../lib/segments/save-segment";
import { segmentRulesSchema } from "../lib/segments/schemas";
import { createApiKey } from "../lib/tracking/create-api-key";
import { createIngestServer, type IngestServer } from "../lib/tracking/create-ingest-server";
import { startWorkers } from "./start-workers";

// The whole path a marketer relies on: a site's tracking call → accepted → folded onto a profile
// by the worker → the segments that event can affect re-evaluate that customer.
let ingest: IngestServer;
let base: string;
let auth: string;

beforeAll(async () => {
  ingest = createIngestServer({ onCommitted: (stored) => stored > 0 && requestTrackingProcessing() });
  await new Promise<void>((resolve) => ingest.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(ingest.server.address() as AddressInfo).port}`;
  const key = await createApiKey({ input: { label: "Site", kind: "public", source: "website" }, actor: systemActor("system") });
  auth = `Basic ${Buffer.from(`${key.token}:`).toString("base64")}`;
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
      // Saving queued the first build: wait for the worker to finish it.
      await expect.poll(async () => db.segment.count({ where: { OR: [{ builtAt: null }, { buildStatus: { not: "idle" } }] } }), { timeout: 15_000 }).toBe(0);
      expect(await db.segmentMember.count({ where: { segmentId: segment.id } })).toBe(0);
      const res = await fetch(`${base}/api/v1/track`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({ userId: "shopper-1", event: "Added to Cart", properties: { sku: "A1" }, messageId: "cart-1" }),
      });
      expect(res.status).toBe(200);
      await expect
        .poll(async () => (await db.segmentMember.findMany({ where: { segmentId: segment.id }, include: { customer: { include: { identities: true } } } })).flatMap((m) => m.customer.identities.map((i) => i.value)), { timeout: 10_000, interval: 50 })
        .toContain("shopper-1");
      const transitions = await db.segmentTransition.findMany({ where: { segmentId: segment.id } });
      expect(transitions.map((t) => [t.kind, t.cause])).toEqual([["enter", "change"]]);
    } finally {
      await workers.close();
    }
  });
});
