import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { setEnv } from "../env";
import { SOCKET_ADDRESS_HEADER } from "../http/client-address";
import { closeRateLimiters } from "../http/rate-limit";
import { postCredentials } from "../../test/auth-handler";
import { hashPassword } from "./password";

afterAll(closeRateLimiters);

/** Signs in through NextAuth's own handler with Tailor's options, served at `origin` (NEXTAUTH_URL); returns the Set-Cookie lines. */
async function signIn(origin: string, email: string): Promise<string[]> {
  const restore = setEnv({ NEXTAUTH_URL: origin });
  try {
    return await signInAt(origin, email);
  } finally {
    restore();
  }
}

async function signInAt(origin: string, email: string): Promise<string[]> {
  const done = await postCredentials({
    origin,
    email,
    password: "correct horse battery",
    headers: { [SOCKET_ADDRESS_HEADER]: "203.0.113.60" },
  });
  return (done.cookies ?? []).map(
    (c) =>
      `${c.name}=${c.value}; ${Object.entries(c.options)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join("; ")}`,
  );
}

describe("the session cookie", () => {
  it("is Secure (with the __Secure- prefix) when Tailor is served over https, and HttpOnly, SameSite=Lax", async () => {
    await db.user.create({
      data: { email: "cookie-https@shop.test", passwordHash: await hashPassword("correct horse battery"), role: "viewer" },
    });
    const session = (await signIn("https://tailor.example.com", "cookie-https@shop.test")).find((c) => c.includes("session-token="));
    expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
    expect(session).toMatch(/secure=true/);
    expect(session).toMatch(/httpOnly=true/);
    expect(session).toMatch(/sameSite=lax/);
    // Plain http (a development machine): no Secure flag, or the browser would drop the cookie.
    const plain = (await signIn("http://127.0.0.1:3000", "cookie-https@shop.test")).find((c) => c.includes("session-token="));
    expect(plain).toMatch(/^next-auth\.session-token=/);
    expect(plain).toMatch(/secure=false/);
  });
});
