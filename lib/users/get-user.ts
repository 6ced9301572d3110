import { db } from "../db";
import type { SessionUser } from "../auth/session-user";

/** A user as the role checks see it, or null when the id is unknown or the user was deactivated. */
export async function getUser(options: { id: string }): Promise<SessionUser | null> {
  return db.user.findUnique({
    where: { id: options.id, deactivatedAt: null },
    select: { id: true, email: true, name: true, role: true },
  });
}
