import { db } from "../db";
import { AppError } from "../errors";
import { createUser } from "./create-user";
import type { SessionUser } from "../auth/session-user";

/** Any constant: serializes concurrent setups so only one first admin can ever be created. */
const setupLockKey = 7_301_001;

export interface CreateFirstAdminOptions {
  email: string;
  password: string;
  name?: string;
}

/** Creates the first admin; only possible while there are no users at all (/setup). */
export async function createFirstAdmin(options: CreateFirstAdminOptions): Promise<SessionUser> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${setupLockKey})`;
      if ((await tx.user.count()) > 0) {
        throw new AppError("conflict", "Tailor is already set up, so /setup is closed. Sign in at /login; an admin can add more users.");
      }
      return createUser({ ...options, role: "admin", actor: { id: null, label: "setup" }, tx });
      // Hashing the password (bcrypt) inside the transaction takes seconds on a busy machine, and a
      // second setup waits on the lock meanwhile: more than Prisma's 5 s default.
    },
    { timeout: 60_000, maxWait: 20_000 },
  );
}
