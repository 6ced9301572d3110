import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { requireSecrets } from "../env";
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
        async authorize(credentials) {
          const user = await verifyCredentials(credentials);
          return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
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
