import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { resetEnv } from "../env";
import { createApiKey } from "../tracking/create-api-key";
import { createIngestServer, type IngestServer } from "../tracking/create-ingest-server";
import { closeRateLimiters, createRateLimiter } from "./rate-limit";

// Small limits for this file's processes (read once by lib/env.ts).
process.env.TRACKING_RATE_LIMIT = "5";
process.env.PUBLIC_RATE_LIMIT = "3";
resetEnv();

let ingest: IngestServer;
let base: string;
const keys: string[] = [];

beforeAll(async () => {
  ingest = createIngestServer();
  await new Promise<void>((resolve) => ingest.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(ingest.server.address() as AddressInfo).port}`;
  for (const label of ["One", "Two"]) {
    keys.push((await createApiKey({ input: { label, kind: "secret", source: "backend" }, actor: systemActor("system") })).token);
  }
});
afterAll(async () => {
  await ingest.close();
  await closeRateLimiters();
});

const track = (key: string, body: unknown, path = "/api/v1/track") =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` },
    body: JSON.stringify(body),
  });

describe("the rate limiter", () => {
  it("allows `points` calls per key and window, then refuses with the seconds to wait; other keys are not affected", async () => {
    const limiter = createRateLimiter({ name: `test-${Date.now()}`, points: 3, durationSeconds: 60, what: "tests" });
    for (let i = 0; i < 3; i++) await limiter.take("a");
    await expect(limiter.take("a")).rejects.toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: expect.any(Number) } });
    await expect(limiter.take("b")).resolves.toBeUndefined();
  });

  it("limits each tracking key's calls per second (a batch counts its calls): 429 with Retry-After", async () => {
    const calls = (n: number) => ({ batch: Array.from({ length: n }, (_, i) => ({ type: "track", userId: "r", event: `E${i}` })) });
    const refused = await track(keys[0]!, calls(6), "/api/v1/batch");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /Too many calls for this key: at most 5 per second/,
    );
    // Another key has its own budget.
    expect((await track(keys[1]!, calls(5), "/api/v1/batch")).status).toBe(200);
  });
});
