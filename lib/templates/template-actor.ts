import type { Actor } from "../audit/write-audit-log";
import { db } from "../db";

/** The audit actor for a user id (their email as label), or the CLI when there is none. */
export async function actorFor(userId: string | null | undefined, actor?: Actor): Promise<Actor> {
  if (actor) return actor;
  if (!userId) return { id: null, label: "cli" };
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  return { id: userId, label: user?.email ?? userId };
}
