import { afterAll, describe, expect, it } from "vitest";
import { setEnv } from "@/lib/env";
import { closeRateLimiters } from "@/lib/http/rate-limit";
import { POST } from "./route";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";

// A small limit for this file (lib/env.ts reads it once).
setEnv({ PUBLIC_RATE_LIMIT: "3" });

afterAll(closeRateLimiters);

const post = (address: string) =>
  POST(
    new Request("https://shop.example/api/unsubscribe/not-a-token", {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded", [SOCKET_ADDRESS_HEADER]: address },
    }),
    { params: Promise.resolve({ token: "not-a-token" }) },
  );

describe("/api/unsubscribe/:token rate limit", () => {
  it("limits each client address (429 with Retry-After) before anything is read; other addresses go on", async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const res = await post("203.0.113.200");
      statuses.push(res.status);
      retryAfter ??= res.headers.get("retry-after");
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await post("203.0.113.201")).status).toBe(400);
  });
});
