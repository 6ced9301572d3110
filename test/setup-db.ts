import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { env, harnessEnv, setEnv } from "../lib/env";
import { createDatabaseFromTemplate, dropDatabase } from "./test-database";

/**
 * Runs before each *.db.test.ts file: the file gets its own database (a copy of the migrated
 * template) and its own BullMQ prefix, so files running in parallel never share state.
 */
const id = `${process.pid}_${randomBytes(4).toString("hex")}`;
const dbName = `tailor_test_${id}`;

setEnv({ DATABASE_URL: await createDatabaseFromTemplate(dbName), QUEUE_PREFIX: `tailor-test-${id}` });

afterAll(async () => {
  const { disconnectDb } = await import("../lib/db");
  await disconnectDb();
  const { cleanupQueuePrefix } = await import("../lib/jobs/cleanup-queue-prefix");
  await cleanupQueuePrefix(env().QUEUE_PREFIX);
  if (!harnessEnv().KEEP_TEST_DB) await dropDatabase(dbName);
});
