import { db } from "../db";
import type { SessionUser } from "../auth/session-user";

/**
 * A user as the role checks see it, or null when the id is unknown, the user was deactivated, or
 * (given `sessionVersion`) the session predates a password, role or activation change.
 */
export async function getUser(options: { id: string; sessionVersion?: number | null }): Promise<SessionUser | null> {
  return db.user.findUnique({
    where: {
      id: options.id,
      deactivatedAt: null,
      ...(options.sessionVersion === undefined ? {} : { sessionVersion: options.sessionVersion ?? 0 }),
    },
    select: { id: true, email: true, name: true, role: true },
  });
}
