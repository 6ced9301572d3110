import { afterAll, describe, expect, it } from "vitest";
import { postCredentials } from "../../test/auth-handler";
import { db } from "../db";
import { SOCKET_ADDRESS_HEADER } from "../http/client-address";
import { closeRateLimiters } from "../http/rate-limit";
import { accountFreeFailures, checkLoginThrottle, freeFailures, recordLoginFailure } from "./login-throttle";
import { hashPassword } from "./password";

afterAll(closeRateLimiters);

const origin = "http://127.0.0.1:3000";
const audit = (email: string) =>
  db.auditLog.findMany({ where: { targetId: email }, orderBy: { id: "asc" }, select: { action: true, actorLabel: true, after: true } });

// Accounts of this test only: other tests signing in from the same address are never held up.
describe("the sign-in throttle against claimed addresses", () => {
  it("counts failures by the connection's address, not by the X-Forwarded-For an attacker rotates", async () => {
    const email = "spoof-cara@shop.test";
    await db.user.create({ data: { email, passwordHash: await hashPassword("correct horse battery"), role: "viewer" } });
    // Guesses until one is refused (a slow machine may see the first short wait run out between two).
    for (let i = 0; i < freeFailures + 5; i++) {
      await postCredentials({
        origin,
        email,
        password: `guess ${i}`,
        headers: { [SOCKET_ADDRESS_HEADER]: "203.0.113.70", "x-forwarded-for": `192.0.2.${i + 1}` },
      });
      if ((await audit(email)).some((e) => e.action === "auth.sign_in_throttled")) break;
    }
    const entries = await audit(email);
    expect(new Set(entries.map((e) => e.actorLabel))).toEqual(new Set(["sign-in from 203.0.113.70"]));
    expect(entries.slice(0, freeFailures).map((e) => e.action)).toEqual(Array(freeFailures).fill("auth.sign_in_failed"));
    expect(entries.at(-1)).toMatchObject({ action: "auth.sign_in_throttled", after: { scope: "address" } });
    // The right password is refused too while the wait lasts (the attempt never reaches the password check).
    const refused = await postCredentials({
      origin,
      email,
      password: "correct horse battery",
      headers: { [SOCKET_ADDRESS_HEADER]: "203.0.113.70", "x-forwarded-for": "192.0.2.99" },
    });
    expect((refused.cookies ?? []).some((c) => c.name.includes("session-token"))).toBe(false);
  });

  it("holds an account whose failures come from ever new addresses once they pass the account's own cap", async () => {
    const dan = "spoof-dan@shop.test";
    const from = (i: number) => ({ email: dan, address: `198.51.100.${i + 100}` });
    for (let i = 0; i < accountFreeFailures; i++) {
      await checkLoginThrottle(from(i));
      await recordLoginFailure(from(i));
    }
    // Two more (recorded, as a slow attacker's would be): the account now waits 8 s.
    for (let i = accountFreeFailures; i < accountFreeFailures + 2; i++) await recordLoginFailure(from(i));
    // A new address, with no failure of its own, waits as well.
    await expect(checkLoginThrottle(from(200))).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/Too many failed sign-ins for this account, from any address: try again in [1-8] s/),
      details: { retryAfterSeconds: expect.any(Number) },
    });
    const last = (await audit(dan)).at(-1)!;
    expect(last).toMatchObject({ action: "auth.sign_in_throttled", after: { scope: "account", accountFailures: accountFreeFailures + 2 } });
    // Another account is not held up.
    await expect(checkLoginThrottle({ email: "spoof-eve@shop.test", address: "198.51.100.100" })).resolves.toBeUndefined();
  });
});
