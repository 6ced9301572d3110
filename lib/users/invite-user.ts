import { randomBytes } from "node:crypto";
import type { Actor } from "../audit/write-audit-log";
import type { Role } from "../auth/roles";
import { createUser } from "./create-user";

/**
 * Adds a user with a one-time password for the admin to hand over (Tailor sends no email of its
 * own yet); the person changes it on their Account page after signing in.
 */
export async function inviteUser(options: { email: string; name: string; role: Role; actor: Actor }) {
  const temporaryPassword = randomBytes(12).toString("base64url");
  const user = await createUser({
    email: options.email,
    name: options.name,
    role: options.role,
    password: temporaryPassword,
    actor: options.actor,
  });
  return { user, temporaryPassword };
}
