import { cache } from "react";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { getUser } from "../users/get-user";
import { getAuthOptions } from "./auth-options.server";
import type { SessionUser } from "./session-user";

/**
 * The signed-in user for this request, re-read from the database (so role changes and deleted
 * users take effect at once), or null when signed out. Cached per request.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  await connection(); // per request, never prerendered at build time (no secret, no database then)
  const session = await getServerSession(getAuthOptions());
  if (!session?.userId) return null;
  // A session signed in before the user's password, role or activation last changed has ended.
  return getUser({ id: session.userId, sessionVersion: session.sessionVersion ?? 0 });
});
