import { describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { createApiKey } from "./create-api-key";
import { trackingRoute } from "./tracking-route.server";

describe("the tracking API inside the web app", () => {
  it("accepts a call on /api/v1/track with the same rules as the ingest process", async () => {
    const key = await createApiKey({
      input: { label: "Web", kind: "public", source: "website", allowedOrigins: ["https://shop.example.com"] },
      actor: systemActor("system"),
    });
    const auth = `Basic ${Buffer.from(`${key.token}:`).toString("base64")}`;
    const call = (body: unknown, headers: Record<string, string> = {}) =>
      trackingRoute(
        new Request("http://localhost/api/v1/track", {
          method: "POST",
          headers: { authorization: auth, ...headers },
          body: JSON.stringify(body),
        }),
      );
    const ok = await call({ anonymousId: "a", event: "Viewed", messageId: "route-1" }, { origin: "https://shop.example.com" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    expect(await ok.json()).toEqual({ success: true });
    expect(await db.trackingEvent.count({ where: { messageId: "route-1" } })).toBe(1);
    const bad = await call({ anonymousId: "a" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^event: is required/);
    const big = await call({ anonymousId: "a", event: "e", properties: { x: "y".repeat(600_000) } });
    expect(big.status).toBe(413);
  });
});
