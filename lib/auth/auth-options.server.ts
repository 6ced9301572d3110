import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { requireSecrets } from "../env";
import { clientAddress } from "../http/client-address";
import { checkLoginThrottle, clearLoginFailures, recordLoginFailure } from "./login-throttle";
import { verifyCredentials } from "./verify-credentials";

export const sessionMaxAge = 12 * 60 * 60;

/**
 * NextAuth options, built on each call (never at import time) so that `next build` works without
 * NEXTAUTH_SECRET. The JWT carries only the user id; roles are re-read from the database per request.
 */
export function getAuthOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: sessionMaxAge },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          // Failed sign-ins are throttled per account and address (lib/auth/login-throttle.ts).
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const headers = new Headers(
            Object.entries((req?.headers ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"),
          );
          const attempt = { email, address: clientAddress(headers) };
          if (email) await checkLoginThrottle(attempt);
          const user = await verifyCredentials(credentials);
          if (!user) {
            if (email) await recordLoginFailure(attempt);
            return null;
          }
          await clearLoginFailures(attempt);
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sv = user.sessionVersion ?? 0;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub ?? null, sessionVersion: token.sv ?? null };
      },
    },
  };
}

/** NEXTAUTH_SECRET (else TAILOR_SECRET); outside production one is written to .env.local on first need. */
function authSecret(): string {
  return requireSecrets().auth;
}
