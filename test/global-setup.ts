import { prepareTemplate } from "./test-database";

/** Vitest global setup for *.db.test.ts: migrate the template database once per run. */
export default async function setup(): Promise<void> {
  await prepareTemplate();
}
