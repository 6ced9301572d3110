import { defineConfig, devices } from "@playwright/test";
import { E2E_DATABASE_URL, E2E_OUTBOX_PORT, E2E_PORT, E2E_QUEUE_PREFIX } from "./e2e/e2e-env";

// The test process queries the same database as the server under test (to find a customer, say).
process.env.DATABASE_URL = E2E_DATABASE_URL;
process.env.QUEUE_PREFIX = E2E_QUEUE_PREFIX;
// The same secret as the server under test (signed links the tests build), never the installation's .env.local.
const E2E_SECRET = "e2e-secret-not-for-production-000000";
process.env.NEXTAUTH_SECRET = E2E_SECRET;
process.env.TAILOR_ENV_FILE = "e2e/no-env-file";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Pages render on the server: on a loaded machine the first paint of a route can take seconds.
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // Prepares a throwaway database (never the demo one), then serves the production build beside the
    // Outbox SMTP server that its sends go to (the same process group: both stop with the run).
    command: `npx tsx e2e/prepare-database.ts && (npx tsx workers/outbox.ts & npx next start -p ${E2E_PORT})`,
    url: `http://127.0.0.1:${E2E_PORT}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: {
      DATABASE_URL: E2E_DATABASE_URL,
      QUEUE_PREFIX: E2E_QUEUE_PREFIX,
      OUTBOX_SMTP_PORT: String(E2E_OUTBOX_PORT),
      NEXTAUTH_URL: `http://127.0.0.1:${E2E_PORT}`,
      NEXTAUTH_SECRET: E2E_SECRET,
      TAILOR_ENV_FILE: "e2e/no-env-file",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
