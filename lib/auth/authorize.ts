import { AppError } from "../errors";
import { hasRole, roleLabels, type Role } from "./roles";
import type { SessionUser } from "./session-user";

/**
 * The one role check. Every page (requireRole), route handler (withRole) and server action
 * (defineAction) goes through it. Throws AppError "unauthenticated" or "forbidden".
 */
export function authorize(user: SessionUser | null, minRole: Role): SessionUser {
  if (!user) {
    throw new AppError("unauthenticated", "You are signed out. Sign in at /login and try again.");
  }
  if (!hasRole(user.role, minRole)) {
    throw new AppError(
      "forbidden",
      `This needs the ${roleLabels[minRole]} role or higher; you are signed in as ${roleLabels[user.role]}. Ask an admin to change your role.`,
    );
  }
  return user;
}
