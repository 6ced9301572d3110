import { createRequire } from "node:module";
import path from "node:path";
import type { NextAuthOptions } from "next-auth";
import { getAuthOptions } from "../lib/auth/auth-options.server";

// NextAuth's request handler itself (the route's wrapper needs a Next request context); the package does not export it by name.
const require = createRequire(import.meta.url);
export type Cookie = { name: string; value: string; options: Record<string, unknown> };
const { AuthHandler } = require(path.join(path.dirname(require.resolve("next-auth")), "core", "index.js")) as {
  AuthHandler(params: { req: Record<string, unknown>; options: NextAuthOptions }): Promise<{ cookies?: Cookie[]; body?: unknown }>;
};

/** One sign-in through NextAuth's own handler with Tailor's options, served at `origin`, as a request with `headers`. */
export async function postCredentials(opts: {
  origin: string;
  email: string;
  password: string;
  headers: Record<string, string>;
}): Promise<{ cookies?: Cookie[]; body?: unknown }> {
  const headers = { ...opts.headers, host: new URL(opts.origin).host };
  const csrf = await AuthHandler({
    req: { action: "csrf", method: "GET", origin: opts.origin, headers, cookies: {} },
    options: getAuthOptions(),
  });
  const csrfCookie = csrf.cookies!.find((c) => c.name.endsWith("next-auth.csrf-token"))!;
  return AuthHandler({
    req: {
      action: "callback",
      providerId: "credentials",
      method: "POST",
      origin: opts.origin,
      headers,
      cookies: { [csrfCookie.name]: csrfCookie.value },
      body: { csrfToken: (csrf.body as { csrfToken: string }).csrfToken, email: opts.email, password: opts.password },
    },
    options: getAuthOptions(),
  });
}
