import { db } from "../db";
import { writeAuditLog } from "../audit/write-audit-log";
import { AppError } from "../errors";
import { hashPassword, verifyPassword } from "../auth/password";

export interface ChangePasswordOptions {
  userId: string;
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes a user's own password after checking the current one; audit-logged (no hashes logged).
 * Ends the user's other sessions (the session version moves on); returns the new version, which the
 * caller gives its own session so that it stays signed in.
 */
export async function changePassword(options: ChangePasswordOptions): Promise<{ sessionVersion: number }> {
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { id: true, email: true, passwordHash: true } });
  if (!user) throw new AppError("not_found", "Your user no longer exists. Sign in again or ask an admin.");
  if (!(await verifyPassword(options.currentPassword, user.passwordHash))) {
    throw new AppError("unprocessable", "The current password is wrong. Type the password you signed in with.", [
      { field: "currentPassword", message: "This is not your current password." },
    ]);
  }
  const passwordHash = await hashPassword(options.newPassword);
  return db.$transaction(async (tx) => {
    const { sessionVersion } = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await writeAuditLog(
      { actor: { id: user.id, label: user.email }, action: "user.change_password", targetType: "user", targetId: user.id },
      tx,
    );
    return { sessionVersion };
  });
}
