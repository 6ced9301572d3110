import { db } from "../db";

/** Every user, active first, for the Users page (never the password hash). */
export async function listUsers() {
  return db.user.findMany({
    orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, deactivatedAt: true, createdAt: true },
  });
}
export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
