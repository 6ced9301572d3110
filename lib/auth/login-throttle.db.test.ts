import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { closeRateLimiters } from "../http/rate-limit";
import { checkLoginThrottle, clearLoginFailures, loginDelaySeconds, recordLoginFailure } from "./login-throttle";

afterAll(closeRateLimiters);

// Accounts of this test only: other tests signing in from the same address are never held up.
const ann = { email: "Throttle-Ann@shop.test", address: "203.0.113.50" };

describe("the sign-in throttle", () => {
  it("lets five wrong passwords through, then makes the account wait from that address, doubling, at most 15 minutes", async () => {
    expect([1, 4, 5, 6, 7, 13, 14, 30].map(loginDelaySeconds)).toEqual([0, 0, 2, 4, 8, 512, 900, 900]);
    for (let i = 0; i < 4; i++) {
      await checkLoginThrottle(ann);
      await recordLoginFailure(ann);
    }
    await checkLoginThrottle(ann);
    // Three more (each let through here, as the wait is not checked): the account now waits 8 s.
    for (let i = 0; i < 3; i++) await recordLoginFailure(ann);
    await expect(checkLoginThrottle(ann)).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/Too many failed sign-ins for this account: try again in [1-8] s/),
    });
    // The same account from another address, and another account from this one, are not held up.
    await expect(checkLoginThrottle({ ...ann, address: "203.0.113.51" })).resolves.toBeUndefined();
    await expect(checkLoginThrottle({ email: "throttle-bo@shop.test", address: ann.address })).resolves.toBeUndefined();

    const audit = await db.auditLog.findMany({ where: { targetId: "throttle-ann@shop.test" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([...Array(7).fill("auth.sign_in_failed"), "auth.sign_in_throttled"]);
    expect(audit[0]!.actorLabel).toBe("sign-in from 203.0.113.50");

    // A successful sign-in clears the count.
    await clearLoginFailures(ann);
    await recordLoginFailure(ann);
    await expect(checkLoginThrottle(ann)).resolves.toBeUndefined();
  });
});
