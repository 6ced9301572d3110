import bcrypt from "bcryptjs";
import { db } from "../db";
import type { Role } from "../generated/prisma/enums";

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
  name: string;
}

/** The demo's sign-ins, one per role; `npm start` prints them. Never created on a database with real data. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: "admin@tailor.local", password: "tailor-demo", role: "admin", name: "Demo Admin" },
  { email: "marketer@tailor.local", password: "tailor-demo", role: "marketer", name: "Demo Marketer" },
  { email: "viewer@tailor.local", password: "tailor-demo", role: "viewer", name: "Demo Viewer" },
];

/** A demo password only: cheaper than real users' cost. */
const DEMO_BCRYPT_COST = 10;

/** Creates the demo users that do not exist yet (an existing user is left as it is); returns their emails. */
export async function ensureDemoUsers(): Promise<string[]> {
  const existing = await db.user.findMany({
    where: { email: { in: DEMO_LOGINS.map((l) => l.email) } },
    select: { email: true },
  });
  const present = new Set(existing.map((u) => u.email));
  const missing = DEMO_LOGINS.filter((l) => !present.has(l.email));
  const data = await Promise.all(
    missing.map(async (l) => ({
      email: l.email,
      name: l.name,
      role: l.role,
      passwordHash: await bcrypt.hash(l.password, DEMO_BCRYPT_COST),
    })),
  );
  if (data.length > 0) await db.user.createMany({ data, skipDuplicates: true });
  return data.map((d) => d.email);
}
