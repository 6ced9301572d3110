import { hashPassword } from "../lib/auth/password";
import { db } from "../lib/db";
import { SOCKET_ADDRESS_HEADER } from "../lib/http/client-address";
import { expect, test } from "./fixtures";

// Through the production server: the connection's address reaches the sign-in throttle, and neither
// X-Forwarded-For nor a forged copy of Tailor's own address header can change it (TRUSTED_PROXIES unset).
test("a failed sign-in is counted against the connection's address, whatever address the request claims", async ({ page }) => {
  const email = `client-address-${Date.now()}@shop.test`;
  await db.user.create({ data: { email, passwordHash: await hashPassword("correct horse battery"), role: "viewer" } });
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: "a wrong guess", json: "true" },
    headers: { "x-forwarded-for": "192.0.2.77", "x-real-ip": "192.0.2.78", [SOCKET_ADDRESS_HEADER]: "192.0.2.79" },
    maxRedirects: 0,
  });
  expect(res.status()).toBeLessThan(500);
  await expect
    .poll(async () => await db.auditLog.findMany({ where: { targetId: email }, select: { action: true, actorLabel: true } }))
    .toEqual([{ action: "auth.sign_in_failed", actorLabel: expect.stringMatching(/^sign-in from (127\.0\.0\.1|::1)$/) }]);
});
