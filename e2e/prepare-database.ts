// Recreates the browser tests' database: migrated, with a small demo shop and the demo users.
import pg from "pg";
import { setEnv } from "../lib/env";
import { E2E_CUSTOMERS, E2E_DATABASE_URL } from "./e2e-env";

const name = new URL(E2E_DATABASE_URL).pathname.slice(1);
const admin = new pg.Client({ connectionString: E2E_DATABASE_URL.replace(/\/[^/]*$/, "/postgres") });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await admin.end();

setEnv({ DATABASE_URL: E2E_DATABASE_URL });
const { applyMigrations } = await import("../lib/migrations/apply-migrations");
const { loadDemoData } = await import("../lib/demo/load-demo-data");
const { rebuildCustomerFeatures } = await import("../lib/features/rebuild-customer-features");
const { disconnectDb } = await import("../lib/db");
await applyMigrations();
const result = await loadDemoData({ customers: E2E_CUSTOMERS, seed: 7 });
await rebuildCustomerFeatures();
console.log(`e2e database ready: ${result.customers} customers, ${result.orders} orders`);
await disconnectDb();
process.exit(0);
