import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { processTrackingEvents } from "../identity/process-tracking-events";
import { exportCustomerData } from "../privacy/export-customer-data";
import { createApiKey } from "./create-api-key";
import { createIngestServer, type IngestServer } from "./create-ingest-server";

// A messageId is the sender's: two sites (two keys) may well pick the same one, and neither call may
// be dropped for it. The same key sending it again is a retry, stored and processed once.
let ingest: IngestServer;
let base: string;
let shop: { id: string; token: string };
let blog: { id: string; token: string };
const actor = systemActor("system");

beforeAll(async () => {
  ingest = createIngestServer();
  await new Promise<void>((resolve) => ingest.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(ingest.server.address() as AddressInfo).port}`;
  shop = await createApiKey({ input: { label: "Shop", kind: "public", source: "shop" }, actor });
  // The same source as the shop: de-duplication is per key, whatever the keys' sources.
  blog = await createApiKey({ input: { label: "Blog", kind: "secret", source: "shop" }, actor });
});

afterAll(async () => {
  await ingest.close();
});

async function post(token: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${token}:`).toString("base64")}` },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

const callsOf = (messageId: string) =>
  db.trackingEvent.findMany({ where: { messageId }, select: { apiKeyId: true, anonymousId: true }, orderBy: { apiKeyId: "asc" } });
const eventsOf = (messageId: string) =>
  db.event.findMany({ where: { messageId }, select: { apiKeyId: true, customerId: true, type: true }, orderBy: { apiKeyId: "asc" } });

describe("messageId de-duplication per API key", () => {
  it("stores and processes the same messageId from two keys, and a key's repeat once", async () => {
    const shopCall = { anonymousId: "per-key-shop", event: "Shop Visited", messageId: "per-key-1" };
    const blogCall = { anonymousId: "per-key-blog", event: "Post Read", messageId: "per-key-1" };
    // Together (one group commit) and each key's repeat, sent at once.
    const statuses = await Promise.all([
      post(shop.token, "/api/v1/track", shopCall),
      post(blog.token, "/api/v1/track", blogCall),
      post(shop.token, "/api/v1/track", shopCall),
      post(blog.token, "/api/v1/batch", {
        batch: [
          { type: "track", ...blogCall },
          { type: "track", ...blogCall },
        ],
      }),
    ]);
    expect(statuses).toEqual([200, 200, 200, 200]);
    // Later retries of either key are still recognised.
    expect(await post(shop.token, "/api/v1/track", shopCall)).toBe(200);
    expect(await post(blog.token, "/api/v1/track", blogCall)).toBe(200);

    const expected = [
      { apiKeyId: shop.id, anonymousId: "per-key-shop" },
      { apiKeyId: blog.id, anonymousId: "per-key-blog" },
    ].sort((a, b) => a.apiKeyId.localeCompare(b.apiKeyId));
    expect(await callsOf("per-key-1")).toEqual(expected);

    await processTrackingEvents({ lanes: 1 });
    const events = await eventsOf("per-key-1");
    expect(events.map((e) => [e.apiKeyId, e.type])).toEqual(
      [
        [shop.id, "Shop Visited"],
        [blog.id, "Post Read"],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    // Each on its own sender's profile.
    const profileOf = async (anonymousId: string) =>
      (await db.identity.findFirstOrThrow({ where: { type: "anonymous_id", value: anonymousId } })).customerId;
    const shopProfile = await profileOf("per-key-shop");
    const blogProfile = await profileOf("per-key-blog");
    expect(new Set(events.map((e) => e.customerId))).toEqual(new Set([shopProfile, blogProfile]));
    expect(events.find((e) => e.apiKeyId === shop.id)?.customerId).toBe(shopProfile);

    // Processing again changes nothing.
    await processTrackingEvents({ lanes: 1 });
    expect(await eventsOf("per-key-1")).toHaveLength(2);
    expect(await db.trackingEvent.count({ where: { messageId: "per-key-1", processedAt: null } })).toBe(0);
  });

  it("keeps another key's call with the same messageId out of a person's data export", async () => {
    const shopProfile = (await db.identity.findFirstOrThrow({ where: { type: "anonymous_id", value: "per-key-shop" } })).customerId;
    const data = await exportCustomerData({ customerId: shopProfile, requestedBy: "per-key test", actor });
    const calls = data.trackingCalls as { messageId: string; anonymousId: string }[];
    expect(calls.map((c) => [c.messageId, c.anonymousId])).toEqual([["per-key-1", "per-key-shop"]]);
  });
});
