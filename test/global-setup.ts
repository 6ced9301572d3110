import { setEnv } from "../lib/env";
import { dropDatabase, prepareTemplate, templateDb } from "./test-database";

/** Vitest global setup for *.db.test.ts: migrate this run's template database once; drop it at the end. */
export default async function setup(): Promise<() => Promise<void>> {
  // Inherited by the test workers, which copy their databases from it.
  setEnv({ TAILOR_TEST_TEMPLATE: `tailor_test_template_${process.pid}` });
  await prepareTemplate();
  return async () => {
    await dropDatabase(templateDb());
  };
}
