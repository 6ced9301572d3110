import { env } from "../env";
import { ensureDatabase } from "./ensure-database";
import { readMigrationsList, SCHEMA_PATH } from "./migrations-dir";
import { openSchemaEngine } from "./schema-engine";

export interface ApplyMigrationsOptions {
  databaseUrl?: string;
  log?: (line: string) => void;
}

/** Applies the pending migrations of prisma/migrations (creating the database if needed). */
export async function applyMigrations(opts: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const databaseUrl = opts.databaseUrl ?? env().DATABASE_URL;
  if (await ensureDatabase(databaseUrl)) opts.log?.(`Created database ${new URL(databaseUrl).pathname.slice(1)}`);
  const engine = await openSchemaEngine({ databaseUrl, schemaPath: SCHEMA_PATH });
  try {
    const out = await engine.applyMigrations({
      migrationsList: readMigrationsList(),
      filters: { externalTables: [], externalEnums: [] },
    });
    for (const name of out.appliedMigrationNames) opts.log?.(`Applied migration ${name}`);
    return { applied: out.appliedMigrationNames };
  } finally {
    engine.free();
  }
}
