import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { closeQueues } from "../lib/jobs/get-queue";
import { requestTrackingProcessing } from "../lib/jobs/request-tracking-processing";
import { createApiKey } from "../lib/tracking/create-api-key";
import { createIngestServer, type IngestServer } from "../lib/tracking/create-ingest-server";
import { startWorkers } from "./start-workers";

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

async function track(i: number, prefix: string) {
  const res = await fetch(`${base}/api/v1/track`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify({ userId: `person-${i % 10}`, event: "Viewed", messageId: `${prefix}-${i}` }),
  });
  return res.status;
}

const processedCount = (prefix: string) =>
  db.trackingEvent.count({ where: { messageId: { startsWith: `${prefix}-` }, processedAt: { not: null } } });

describe("accepted means durable, with or without a worker", () => {
  it("processes every call accepted while the worker was stopped once it starts, onto the profile timeline", async () => {
    const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => track(i, "offline")));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await db.trackingEvent.count({ where: { messageId: { startsWith: "offline-" }, processedAt: null } })).toBe(200);

    const workers = startWorkers({ log: () => undefined });
    try {
      await expect.poll(() => processedCount("offline"), { timeout: 20_000, interval: 200 }).toBe(200);
    } finally {
      await workers.close();
    }
    expect(await db.event.count({ where: { messageId: { startsWith: "offline-" } } })).toBe(200);
    expect(await db.identity.count({ where: { type: "external_id", value: { startsWith: "person-" } } })).toBe(10);
  });

  it("loses nothing when the worker stops while calls arrive, and folds in calls made while it runs", async () => {
    let workers = startWorkers({ log: () => undefined });
    const sending = Promise.all(
      Array.from({ length: 300 }, (_, i) => new Promise((r) => setTimeout(r, i * 2)).then(() => track(i, "live"))),
    );
    await new Promise((r) => setTimeout(r, 200));
    await workers.close();
    const statuses = await sending;
    expect(statuses.every((s) => s === 200)).toBe(true);
    workers = startWorkers({ log: () => undefined });
    try {
      await expect.poll(() => processedCount("live"), { timeout: 20_000, interval: 200 }).toBe(300);
      // A call made while the worker runs is folded in (how fast is bench:track-processing's figure).
      expect(await track(1000, "fresh")).toBe(200);
      await expect.poll(() => db.event.count({ where: { messageId: "fresh-1000" } }), { timeout: 20_000, interval: 50 }).toBe(1);
    } finally {
      await workers.close();
    }
    expect(await db.event.count({ where: { messageId: { startsWith: "live-" } } })).toBe(300);
  });
});
