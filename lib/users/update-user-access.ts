import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import type { Role } from "../auth/roles";
import { db } from "../db";
import { AppError } from "../errors";

/**
 * Changes a user's role, with the reason the admin gave (kept in the audit log). The last active
 * admin cannot lose the admin role (someone must be able to manage users).
 */
export async function setUserRole(options: { userId: string; role: Role; reason: string; actor: Actor }) {
  if (options.reason.trim().length < 5)
    throw new AppError("unprocessable", "Say why you change this role (at least 5 characters); it is kept in the audit log.", {
      field: "reason",
    });
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: options.userId },
      select: { id: true, email: true, role: true, deactivatedAt: true },
    });
    if (!user) throw new AppError("not_found", "That user no longer exists; reload the page.");
    if (user.role === options.role) return user;
    if (user.role === "admin" && !user.deactivatedAt && (await tx.user.count({ where: { role: "admin", deactivatedAt: null } })) <= 1) {
      throw new AppError("conflict", `${user.email} is the only active admin. Make someone else an admin first.`);
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      // The user's sessions end: they sign in again under the new role.
      data: { role: options.role, sessionVersion: { increment: 1 } },
      select: { id: true, email: true, role: true, deactivatedAt: true },
    });
    await writeAuditLog(
      {
        actor: options.actor,
        action: "user.set_role",
        targetType: "user",
        targetId: user.id,
        before: { role: user.role },
        after: { role: options.role, reason: options.reason.trim() },
      },
      tx,
    );
    return updated;
  });
}

/** Deactivates (signs out at once, cannot sign in) or reactivates a user. Nobody deactivates themself or the last admin. */
export async function setUserActive(options: { userId: string; active: boolean; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: options.userId },
      select: { id: true, email: true, role: true, deactivatedAt: true },
    });
    if (!user) throw new AppError("not_found", "That user no longer exists; reload the page.");
    if (!options.active && user.id === options.actor.id)
      throw new AppError("conflict", "You cannot deactivate yourself. Ask another admin.");
    if (
      !options.active &&
      user.role === "admin" &&
      !user.deactivatedAt &&
      (await tx.user.count({ where: { role: "admin", deactivatedAt: null } })) <= 1
    ) {
      throw new AppError("conflict", `${user.email} is the only active admin. Make someone else an admin first.`);
    }
    if (options.active === !user.deactivatedAt) return user;
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { deactivatedAt: options.active ? null : new Date(), sessionVersion: { increment: 1 } },
      select: { id: true, email: true, role: true, deactivatedAt: true },
    });
    await writeAuditLog(
      {
        actor: options.actor,
        action: options.active ? "user.reactivate" : "user.deactivate",
        targetType: "user",
        targetId: user.id,
        before: { active: !user.deactivatedAt },
        after: { active: options.active },
      },
      tx,
    );
    return updated;
  });
}
