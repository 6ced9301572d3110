import { beforeEach } from "vitest";
import { db } from "../lib/db";

/**
 * Gives each test of the file the tables empty (and what references them, ids restarted): the file's
 * database is its own, so only its own earlier tests are cleared away.
 */
export function emptyTablesBeforeEach(...tables: string[]) {
  beforeEach(async () => {
    await db.$executeRawUnsafe(`TRUNCATE ${tables.join(", ")} RESTART IDENTITY CASCADE`);
  });
}
