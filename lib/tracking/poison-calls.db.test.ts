import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { createApiKey } from "./create-api-key";
import { createGroupCommitter } from "./create-group-committer";
import { createIngestServer, type IngestServer } from "./create-ingest-server";

let ingest: IngestServer;
let base: string;
let auth: string;
let keyId: string;

beforeAll(async () => {
  ingest = createIngestServer();
  await new Promise<void>((resolve) => ingest.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(ingest.server.address() as AddressInfo).port}`;
  const key = await createApiKey({ input: { label: "Backend", kind: "secret", source: "backend" }, actor: systemActor("system") });
  auth = `Basic ${Buffer.from(`${key.token}:`).toString("base64")}`;
  keyId = key.id;
});

afterAll(async () => {
  await ingest.close();
});

async function post(path: string, body: string) {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: auth }, body });
  return { status: res.status, body: (await res.json()) as { success: boolean; error?: { message: string } } };
}

const deep = (levels: number) => "[".repeat(levels) + "]".repeat(levels);

/** Calls that once failed the whole group commit they joined, each with the field its 400 must name. */
const poison: { name: string; body: string; field: RegExp }[] = [
  {
    name: "a timestamp of the year -100000",
    body: JSON.stringify({ userId: "p-1", event: "Viewed", timestamp: "-100000-01-01T00:00:00.000Z", messageId: "poison-year" }),
    field: /^timestamp: /,
  },
  {
    name: "a clock-skew correction that overflows",
    body: JSON.stringify({
      userId: "p-2",
      event: "Viewed",
      timestamp: "2100-01-01T00:00:00.000Z",
      sentAt: "1901-01-01T00:00:00.000Z",
      messageId: "poison-skew",
    }),
    field: /^sentAt: /,
  },
  {
    name: "a lone UTF-16 surrogate",
    body: '{"userId":"p-3","event":"Viewed","properties":{"note":"a\\ud800b"},"messageId":"poison-surrogate"}',
    field: /^properties\.note: .*surrogate/,
  },
  {
    name: "properties nested thousands deep",
    body: `{"userId":"p-4","event":"Viewed","properties":{"x":${deep(5000)}},"messageId":"poison-deep"}`,
    field: /^properties\.x(\.0)+: .*nested deeper than 32/,
  },
  {
    name: "a batch whose third call has a lone surrogate in a key",
    body: JSON.stringify({
      batch: [
        { type: "track", userId: "p-5", event: "A", messageId: "poison-batch-a" },
        { type: "track", userId: "p-5", event: "B", messageId: "poison-batch-b" },
        { type: "identify", userId: "p-5", traits: { ["k\ud800"]: 1 }, messageId: "poison-batch-c" },
      ],
    }),
    field: /^batch\.2\.traits\.k\\ud800: /,
  },
];

describe("poison calls among good ones", () => {
  it("answers each poison call 400 naming its field, and every one of 40 concurrent good calls 200", async () => {
    for (let round = 0; round < 3; round++) {
      const good = Array.from({ length: 40 }, (_, i) =>
        post("/api/v1/track", JSON.stringify({ userId: `g-${i}`, event: "Viewed", messageId: `good-${round}-${i}` })),
      );
      // Poison calls interleaved with the good ones, so that they share group commits.
      const bad = poison.map((p) => post(p.body.includes('"batch"') ? "/api/v1/batch" : "/api/v1/track", p.body));
      const [goodResults, badResults] = await Promise.all([Promise.all(good), Promise.all(bad)]);
      expect(goodResults.map((r) => r.status)).toEqual(Array(40).fill(200));
      badResults.forEach((r, i) => {
        expect(r.status, poison[i]!.name).toBe(400);
        expect(r.body.error?.message, poison[i]!.name).toMatch(poison[i]!.field);
      });
    }
    expect(await db.trackingEvent.count({ where: { messageId: { startsWith: "good-" } } })).toBe(120);
    expect(await db.trackingEvent.count({ where: { messageId: { startsWith: "poison-" } } })).toBe(0);
  });

  it("accepts dates at the edges of the range and 32 levels of nesting", async () => {
    const ok = await post(
      "/api/v1/track",
      JSON.stringify({ userId: "e-1", event: "Viewed", timestamp: "1900-01-01T00:00:00.000Z", properties: { x: JSON.parse(deep(30)) } }),
    );
    expect(ok.status).toBe(200);
  });
});

describe("group commit", () => {
  it("commits a failed group's calls one by one: only the call whose value slipped past validation fails", async () => {
    const committer = createGroupCommitter();
    try {
      const receivedAt = new Date();
      const row = (messageId: string, occurredAt: Date) => ({
        messageId,
        apiKeyId: keyId,
        type: "track" as const,
        userId: "gc",
        anonymousId: null,
        payload: { event: "Viewed" },
        occurredAt,
        receivedAt,
      });
      // Submitted in one turn of the event loop: they go in one group. An invalid date becomes null,
      // which the NOT NULL column refuses.
      const results = await Promise.allSettled([
        committer.submit([row("gc-1", receivedAt)]),
        committer.submit([row("gc-bad", new Date(Number.NaN))]),
        committer.submit([row("gc-2", receivedAt), row("gc-3", receivedAt)]),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(results[2]).toEqual({ status: "fulfilled", value: ["stored", "stored"] });
      expect(await db.trackingEvent.count({ where: { messageId: { startsWith: "gc-" } } })).toBe(3);
    } finally {
      await committer.close();
    }
  });
});
