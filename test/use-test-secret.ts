import { afterEach, beforeEach } from "vitest";
import { resetEnv } from "../lib/env";

/** The installation secret the signed-link tests use (their golden values were made with it). */
export const testSecret = "a-test-installation-secret-0123456789";

/** Inside a describe: every test runs with TAILOR_SECRET = testSecret, the environment restored after. */
export function useTestSecret(): void {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.TAILOR_SECRET = testSecret;
    resetEnv();
  });
  afterEach(() => {
    process.env = { ...saved };
    resetEnv();
  });
}
