import { db } from "../db";
import { verifyPassword } from "./password";
import { signInSchema } from "./schemas";
import type { SessionUser } from "./session-user";

/** Checks an email and password; null when either is wrong (never says which). */
export async function verifyCredentials(input: unknown): Promise<(SessionUser & { sessionVersion: number }) | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, deactivatedAt: true, sessionVersion: true },
  });
  if (!user || user.deactivatedAt || !(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
