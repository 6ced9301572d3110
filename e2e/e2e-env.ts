/** The browser tests' own database and queue prefix: never the demo database. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/tailor_e2e";
export const E2E_QUEUE_PREFIX = process.env.E2E_QUEUE_PREFIX ?? "tailor-e2e";
export const E2E_CUSTOMERS = 300;
/** The development Outbox (SMTP) the web app under test sends to; next to the web port so parallel runs differ. */
export const E2E_OUTBOX_PORT = Number(process.env.E2E_OUTBOX_PORT ?? E2E_PORT + 22000);

const host = new URL(E2E_DATABASE_URL).hostname;
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
  throw new Error(`Browser tests refuse a non-local database (${host}).`);
}
