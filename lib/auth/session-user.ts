import type { Actor } from "../audit/write-audit-log";
import type { Role } from "./roles";

/** The signed-in user as every role check sees it (read from the database on each request). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The audit log's actor for a signed-in user. */
export function actorOf(user: SessionUser): Actor {
  return { id: user.id, label: user.email };
}
