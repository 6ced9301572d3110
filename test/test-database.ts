import pg from "pg";
import { databaseUrlFor, DEFAULT_DATABASE_URL, harnessEnv } from "../lib/env";

/** Where test databases live: the local server only. Never the demo/production database. */
export const TEST_SERVER_URL = harnessEnv().TEST_DATABASE_SERVER ?? DEFAULT_DATABASE_URL;
/** Per run (set by the global setup), so that concurrent runs never drop each other's template. */
export const templateDb = () => harnessEnv().TAILOR_TEST_TEMPLATE ?? "tailor_test_template";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  if (!LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(`Tests refuse to touch a non-local database server (${url.hostname}). Point TEST_DATABASE_SERVER at 127.0.0.1.`);
  }
  return databaseUrlFor(name, TEST_SERVER_URL);
}

export async function withAdminClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl("postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** A fresh database copied from the migrated template (well under a second). */
export async function createDatabaseFromTemplate(name: string): Promise<string> {
  await withAdminClient(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(templateDb())}`);
  });
  return databaseUrl(name);
}

/** Drops and re-migrates the template, then closes every connection to it (Postgres refuses to copy it otherwise). */
export async function prepareTemplate(): Promise<void> {
  const { applyMigrations } = await import("../lib/migrations/apply-migrations");
  await dropDatabase(templateDb());
  await applyMigrations({ databaseUrl: databaseUrl(templateDb()) });
  await withAdminClient((c) =>
    c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [templateDb()]),
  );
}
