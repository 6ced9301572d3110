import { createRequire } from "node:module";
import path from "node:path";
import type { NextAuthOptions } from "next-auth";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { setEnv } from "../env";
import { closeRateLimiters } from "../http/rate-limit";
import { getAuthOptions } from "./auth-options.server";
import { hashPassword } from "./password";

afterAll(closeRateLimiters);

// NextAuth's request handler itself (the route's wrapper needs a Next request context); the package does not export it by name.
const require = createRequire(import.meta.url);
type Cookie = { name: string; value: string; options: Record<string, unknown> };
const { AuthHandler } = require(path.join(path.dirname(require.resolve("next-auth")), "core", "index.js")) as {
  AuthHandler(params: { req: Record<string, unknown>; options: NextAuthOptions }): Promise<{ cookies?: Cookie[]; body?: unknown }>;
};

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
  const serialize = (cookies: Cookie[] = []) =>
    cookies.map(
      (c) =>
        `${c.name}=${c.value}; ${Object.entries(c.options)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join("; ")}`,
    );
  const headers = { "x-forwarded-for": "203.0.113.60", host: new URL(origin).host };
  const csrf = await AuthHandler({ req: { action: "csrf", method: "GET", origin, headers, cookies: {} }, options: getAuthOptions() });
  const csrfCookie = csrf.cookies!.find((c) => c.name.endsWith("next-auth.csrf-token"))!;
  const done = await AuthHandler({
    req: {
      action: "callback",
      providerId: "credentials",
      method: "POST",
      origin,
      headers,
      cookies: { [csrfCookie.name]: csrfCookie.value },
      body: { csrfToken: (csrf.body as { csrfToken: string }).csrfToken, email, password: "correct horse battery" },
    },
    options: getAuthOptions(),
  });
  return serialize(done.cookies);
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
