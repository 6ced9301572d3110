import { db } from "../db";
import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { AppError } from "../errors";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/roles";
import type { SessionUser } from "../auth/session-user";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export interface CreateUserOptions {
  email: string;
  password: string;
  role: Role;
  name?: string;
  actor: Actor;
  /** Run inside this transaction (the first-admin setup does). */
  tx?: Tx;
}

/** Creates a user with a bcrypt hash of the password and writes the audit log. */
export async function createUser(options: CreateUserOptions): Promise<SessionUser> {
  const email = options.email.trim().toLowerCase();
  const client = options.tx ?? db;
  const existing = await client.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    throw new AppError("conflict", `A user with the email ${email} already exists; sign in with it or use another email.`);
  }
  const user = await client.user.create({
    data: { email, name: options.name ?? "", role: options.role, passwordHash: await hashPassword(options.password) },
    select: { id: true, email: true, name: true, role: true },
  });
  await writeAuditLog(
    { actor: options.actor, action: "user.create", targetType: "user", targetId: user.id, after: { email, role: user.role } },
    client,
  );
  return user;
}
