import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { createApiKey } from "./create-api-key";
import { createIngestServer, type IngestServer } from "./create-ingest-server";
import { revokeApiKey } from "./revoke-api-key";

let ingest: IngestServer;
let base: string;
let publicKey: { id: string; token: string };
let secretKey: { id: string; token: string };
const actor = systemActor("system");

beforeAll(async () => {
  ingest = createIngestServer();
  await new Promise<void>((resolve) => ingest.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(ingest.server.address() as AddressInfo).port}`;
  publicKey = await createApiKey({
    input: { label: "Website", kind: "public", source: "website", allowedOrigins: ["https://shop.example.com"] },
    actor,
  });
  secretKey = await createApiKey({ input: { label: "Backend", kind: "secret", source: "backend" }, actor });
});

afterAll(async () => {
  await ingest.close();
});

const basic = (token: string) => `Basic ${Buffer.from(`${token}:`).toString("base64")}`;

async function post(path: string, body: unknown, headers: Record<string, string> = { authorization: basic(publicKey.token) }) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { success: boolean; error?: { code: string; message: string } },
  };
}

describe("POST /api/v1/<call>", () => {
  it("accepts each call type and answers only once its row is committed", async () => {
    const calls: [string, Record<string, unknown>][] = [
      ["identify", { userId: "u-1", traits: { email: "Ann@Example.com" }, messageId: "api-identify" }],
      ["track", { userId: "u-1", event: "Order Completed", properties: { total: 12 }, messageId: "api-track" }],
      ["page", { anonymousId: "anon-1", name: "Home", messageId: "api-page" }],
      ["screen", { anonymousId: "anon-1", name: "Cart", messageId: "api-screen" }],
      ["group", { userId: "u-1", groupId: "acme", messageId: "api-group" }],
      ["alias", { previousId: "anon-1", userId: "u-1", messageId: "api-alias" }],
    ];
    for (const [path, body] of calls) {
      const res = await post(`/api/v1/${path}`, body);
      expect(res, path).toMatchObject({ status: 200, body: { success: true } });
      // Durable: the row is there the moment the 200 arrives.
      expect(await db.trackingEvent.findFirst({ where: { messageId: String(body.messageId) } }), path).toMatchObject({
        type: path,
        apiKeyId: publicKey.id,
        processedAt: null,
      });
    }
  });

  it("accepts Segment's own paths (/v1/<call>) and a batch", async () => {
    const res = await post("/v1/batch", {
      batch: [
        { type: "track", anonymousId: "b-1", event: "A", messageId: "batch-a" },
        { type: "track", anonymousId: "b-1", event: "B", messageId: "batch-b" },
      ],
    });
    expect(res.status).toBe(200);
    expect(await db.trackingEvent.count({ where: { messageId: { in: ["batch-a", "batch-b"] } } })).toBe(2);
  });

  it("stores a messageId seen before only once, and still answers 200", async () => {
    const body = { anonymousId: "d-1", event: "Clicked", messageId: "dup-1" };
    const [a, b] = await Promise.all([post("/api/v1/track", body), post("/api/v1/track", body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await post("/api/v1/track", body)).status).toBe(200);
    expect(await db.trackingEvent.count({ where: { messageId: "dup-1" } })).toBe(1);
  });

  it("corrects clock skew from sentAt", async () => {
    const sentAt = new Date(Date.now() + 3_600_000); // the sender's clock is an hour fast
    const timestamp = new Date(sentAt.getTime() - 60_000);
    await post("/api/v1/track", {
      anonymousId: "c",
      event: "Skewed",
      messageId: "skew-1",
      timestamp: timestamp.toISOString(),
      sentAt: sentAt.toISOString(),
    });
    const row = await db.trackingEvent.findFirstOrThrow({ where: { messageId: "skew-1" } });
    const expected = row.receivedAt.getTime() - 60_000;
    expect(Math.abs(row.occurredAt.getTime() - expected)).toBeLessThan(1000);
  });

  it("answers 400 naming the field, 413 over the limits, 404 for unknown calls; stores nothing", async () => {
    const before = await db.trackingEvent.count();
    const bad = await post("/api/v1/track", { userId: "u-1" });
    expect(bad).toMatchObject({ status: 400, body: { success: false, error: { code: "bad_request" } } });
    expect(bad.body.error?.message).toMatch(/^event: is required/);
    expect(
      (await post("/api/v1/batch", { batch: [{ type: "track", userId: "u", event: "ok" }, { type: "nope" }] })).body.error?.message,
    ).toMatch(/batch\.1\.type/);
    expect((await post("/api/v1/track", { anonymousId: "a", event: "e", properties: { x: "y".repeat(40_000) } })).status).toBe(413);
    expect(
      (
        await post("/api/v1/batch", {
          batch: Array.from({ length: 30 }, () => ({ type: "track", anonymousId: "a", event: "e", properties: { x: "y".repeat(20_000) } })),
        })
      ).status,
    ).toBe(413);
    expect((await post("/api/v1/nothing", {})).status).toBe(404);
    expect((await post("/api/v1/track", "{not json")).status).toBe(400);
    expect(await db.trackingEvent.count()).toBe(before);
  });
});

describe("keys", () => {
  it("refuses calls without a key or with an unknown one (401)", async () => {
    expect((await post("/api/v1/track", { anonymousId: "a", event: "e" }, {})).status).toBe(401);
    const res = await post("/api/v1/track", { anonymousId: "a", event: "e" }, { authorization: basic("tk_pub_unknown") });
    expect(res).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
  });

  it("takes the key from the body's writeKey too", async () => {
    expect((await post("/api/v1/track", { writeKey: publicKey.token, anonymousId: "a", event: "e", messageId: "wk-1" }, {})).status).toBe(
      200,
    );
  });

  it("lets only secret keys read profiles", async () => {
    await post(
      "/api/v1/identify",
      { userId: "reader", traits: { email: "reader@example.com" } },
      { authorization: basic(secretKey.token) },
    );
    const { processTrackingEvents } = await import("../identity/process-tracking-events");
    await processTrackingEvents();
    const asPublic = await fetch(`${base}/api/v1/profile?userId=reader`, { headers: { authorization: basic(publicKey.token) } });
    expect(asPublic.status).toBe(403);
    const asSecret = await fetch(`${base}/api/v1/profile?userId=reader`, { headers: { authorization: basic(secretKey.token) } });
    expect(asSecret.status).toBe(200);
    expect(await asSecret.json()).toMatchObject({
      profile: {
        email: "reader@example.com",
        identities: expect.arrayContaining([{ type: "external_id", source: "backend", value: "reader" }]),
      },
    });
    expect((await fetch(`${base}/api/v1/profile?userId=nobody`, { headers: { authorization: basic(secretKey.token) } })).status).toBe(404);
  });

  it("revocation takes effect at once, even for a key the server has just cached", async () => {
    const key = await createApiKey({ input: { label: "Temp", kind: "public", source: "website" }, actor });
    expect(
      (await post("/api/v1/track", { anonymousId: "r", event: "before", messageId: "rev-1" }, { authorization: basic(key.token) })).status,
    ).toBe(200);
    await revokeApiKey({ id: key.id, actor });
    const res = await post("/api/v1/track", { anonymousId: "r", event: "after", messageId: "rev-2" }, { authorization: basic(key.token) });
    expect(res.status).toBe(401);
    expect(await db.trackingEvent.findFirst({ where: { messageId: "rev-2" } })).toBeNull();
    expect(await db.auditLog.findFirst({ where: { action: "api_key.revoked", targetId: key.id } })).not.toBeNull();
  });
});

describe("CORS", () => {
  it("answers the preflight of a listed origin, and refuses others", async () => {
    const ok = await fetch(`${base}/api/v1/track`, {
      method: "OPTIONS",
      headers: { origin: "https://shop.example.com", "access-control-request-method": "POST" },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    expect(ok.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    const no = await fetch(`${base}/api/v1/track`, { method: "OPTIONS", headers: { origin: "https://evil.example.net" } });
    expect(no.status).toBe(403);
    expect(no.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("accepts a public key from its listed origin only, and never a secret key from a browser", async () => {
    const body = { anonymousId: "o", event: "e" };
    const ok = await post("/api/v1/track", body, { authorization: basic(publicKey.token), origin: "https://shop.example.com" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    const other = await post("/api/v1/track", body, { authorization: basic(publicKey.token), origin: "https://evil.example.net" });
    expect(other.status).toBe(403);
    expect(other.body.error?.message).toMatch(/not allowed for this key/);
    const secret = await post("/api/v1/track", body, { authorization: basic(secretKey.token), origin: "https://shop.example.com" });
    expect(secret.status).toBe(403);
    expect(secret.body.error?.message).toMatch(/secret key was sent from a browser/);
  });
});

describe("group commit", () => {
  it("answers 300 concurrent calls, every one stored once", async () => {
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => post("/api/v1/track", { userId: `g-${i % 7}`, event: "Load", messageId: `gc-${i}` })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await db.trackingEvent.count({ where: { messageId: { startsWith: "gc-" } } })).toBe(300);
  });
});
