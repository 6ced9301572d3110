import { afterAll, describe, expect, it } from "vitest";
import { setEnv } from "@/lib/env";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";
import { closeRateLimiters } from "@/lib/http/rate-limit";
import { POST as webhook } from "./webhooks/[provider]/route";

// 2 requests a minute per client address for this file (lib/env.ts reads it once).
setEnv({ PUBLIC_RATE_LIMIT: "2" });
afterAll(closeRateLimiters);

/** A webhook call arriving over a connection from `socket`, with the X-Forwarded-For it carries. */
const post = (socket: string, forwardedFor: string) =>
  webhook(
    new Request("https://shop.example/api/webhooks/generic", {
      method: "POST",
      body: "{}",
      headers: { [SOCKET_ADDRESS_HEADER]: socket, "x-forwarded-for": forwardedFor },
    }),
    { params: Promise.resolve({ provider: "generic" }) },
  );

const statusesOf = async (calls: (() => Promise<Response>)[]) => {
  const statuses: number[] = [];
  for (const call of calls) statuses.push((await call()).status);
  return statuses.map((s) => (s === 429 ? 429 : "passed"));
};

describe("per-address limits and a claimed X-Forwarded-For", () => {
  it("count a client that connects directly by its connection, whatever address it claims in each request", async () => {
    const calls = Array.from({ length: 4 }, (_, i) => () => post("198.51.100.60", `192.0.2.${i + 1}`));
    expect(await statusesOf(calls)).toEqual(["passed", "passed", 429, 429]);
  });

  it("behind a trusted proxy, count each client by the address the proxy saw, not the one the client wrote", async () => {
    const restore = setEnv({ TRUSTED_PROXIES: "10.0.0.0/8" });
    try {
      const calls = Array.from({ length: 4 }, (_, i) => () => post("10.0.0.1", `192.0.2.${i + 1}, 198.51.100.61`));
      expect(await statusesOf(calls)).toEqual(["passed", "passed", 429, 429]);
      // Another client through the same proxy has its own count.
      expect(await statusesOf([() => post("10.0.0.1", "198.51.100.62")])).toEqual(["passed"]);
      // An untrusted peer that pretends to be a proxy is counted as itself.
      const fake = Array.from({ length: 3 }, (_, i) => () => post("198.51.100.63", `192.0.2.${i + 20}`));
      expect(await statusesOf(fake)).toEqual(["passed", "passed", 429]);
    } finally {
      restore();
    }
  });
});
