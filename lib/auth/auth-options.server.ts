import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { AppError } from "../errors";
import { verifyCredentials } from "./verify-credentials";

const twelveHours = 12 * 60 * 60;

/**
 * NextAuth options, built on each call (never at import time) so that `next build` works without
 * NEXTAUTH_SECRET. The JWT carries only the user id; roles are re-read from the database per request.
 */
export function getAuthOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: twelveHours },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const user = await verifyCredentials(credentials);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    ],
    callbacks: {
      session({ session, token }) {
        return { ...session, userId: token.sub ?? null };
      },
    },
  };
}

function authSecret(): string {
  const { NEXTAUTH_SECRET, NODE_ENV } = env();
  if (NEXTAUTH_SECRET) return NEXTAUTH_SECRET;
  if (NODE_ENV !== "production") return "tailor-development-secret-not-for-production";
  throw new AppError(
    "unavailable",
    "NEXTAUTH_SECRET is not set, so nobody can sign in. Start Tailor with `npm start` (it writes .env.local with one) or set NEXTAUTH_SECRET to a random string of 32+ characters.",
  );
}
