import { afterAll, describe, expect, it } from "vitest";
import { updatePreferences } from "@/lib/consent/update-preferences";
import { setEnv } from "@/lib/env";
import { closeRateLimiters } from "@/lib/http/rate-limit";
import { GET as click } from "./email/click/[token]/route";
import { GET as open } from "./email/open/[token]/route";
import { POST as webhook } from "./webhooks/[provider]/route";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";

// A small limit for this file (lib/env.ts reads it once): 2 a minute; the pixel and the click redirect 50 times as many.
setEnv({ PUBLIC_RATE_LIMIT: "2" });
afterAll(closeRateLimiters);

const from = (address: string, init: RequestInit = {}) => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), [SOCKET_ADDRESS_HEADER]: address },
});

/** Calls `call` until it is refused; returns the statuses and the last response. */
async function untilRefused(call: () => Promise<Response>, max: number) {
  const statuses: number[] = [];
  let last: Response | undefined;
  for (let i = 0; i < max; i++) {
    last = await call();
    statuses.push(last.status);
    if (last.status === 429) break;
  }
  return { statuses, last: last! };
}

describe("public endpoints are rate limited per client address (429 with Retry-After)", () => {
  it("provider webhooks", async () => {
    const post = (address: string) =>
      webhook(new Request("https://shop.example/api/webhooks/generic", from(address, { method: "POST", body: "{}" })), {
        params: Promise.resolve({ provider: "generic" }),
      });
    const { statuses, last } = await untilRefused(() => post("198.51.100.10"), 5);
    expect(statuses.slice(0, 2).every((s) => s !== 429)).toBe(true);
    expect(statuses[2]).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await last.json()) as { error: { message: string } }).error.message).toMatch(
      /Too many requests from this address: at most 2 per minute/,
    );
    expect((await post("198.51.100.11")).status).not.toBe(429);
  });

  it("the open pixel and the click redirect (100 a minute here)", async () => {
    for (const [route, name] of [
      [open, "open"],
      [click, "click"],
    ] as const) {
      const get = (address: string) =>
        route(new Request(`https://shop.example/api/email/${name}/x`, from(address)), { params: Promise.resolve({ token: "x" }) });
      const { statuses, last } = await untilRefused(() => get("198.51.100.20"), 105);
      expect(statuses.length, name).toBe(101);
      expect(last.status).toBe(429);
      expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await get("198.51.100.21")).status, name).not.toBe(429);
    }
  });

  it("saving preferences", async () => {
    const save = (ip: string) => updatePreferences({ token: "not-a-token", choices: {}, formVersion: "v1", ip });
    for (let i = 0; i < 2; i++) await expect(save("198.51.100.30")).rejects.toMatchObject({ code: "bad_request" });
    await expect(save("198.51.100.30")).rejects.toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: expect.any(Number) } });
    await expect(save("198.51.100.31")).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("route handlers refuse bodies over their limit with 413 before reading past it", () => {
  it("by the declared Content-Length, without reading the body, and by the bytes that stream in", async () => {
    let pulled = 0;
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(64 * 1024));
        },
      });
    const post = (headers: Record<string, string>) =>
      webhook(
        new Request("https://shop.example/api/webhooks/generic", {
          ...from("198.51.100.40", { method: "POST", headers }),
          body: endless(),
          duplex: "half",
        } as RequestInit),
        { params: Promise.resolve({ provider: "generic" }) },
      );
    const declared = await post({ "content-length": String(50 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { message: string } }).error.message).toMatch(/larger than 1 MB are refused/);
    expect(pulled).toBeLessThanOrEqual(1);
    pulled = 0;
    const streamed = await post({});
    expect(streamed.status).toBe(413);
    // 1 MB is 16 chunks of 64 KB: reading stopped right after the limit.
    expect(pulled).toBeLessThanOrEqual(20);
  });
});
