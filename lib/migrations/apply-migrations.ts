import { env } from "../env";
import { AppError } from "../errors";
import { ensureDatabase } from "./ensure-database";
import { findEditedMigrations } from "./find-edited-migrations";
import { readMigrationsList, SCHEMA_PATH } from "./migrations-dir";
import { openSchemaEngine } from "./schema-engine";

export interface ApplyMigrationsOptions {
  databaseUrl?: string;
  /** The migrations folder (tests use a copy). Default: prisma/migrations. */
  migrationsDir?: string;
  log?: (line: string) => void;
}

/**
 * Applies the pending migrations of prisma/migrations (creating the database if needed). Refuses,
 * before touching anything, when an applied migration's file was edited since it ran (its checksum
 * in _prisma_migrations differs).
 */
export async function applyMigrations(opts: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const databaseUrl = opts.databaseUrl ?? env().DATABASE_URL;
  if (await ensureDatabase(databaseUrl)) opts.log?.(`Created database ${new URL(databaseUrl).pathname.slice(1)}`);
  const migrationsList = readMigrationsList(opts.migrationsDir);
  const edited = await findEditedMigrations({ databaseUrl, migrations: migrationsList });
  if (edited.length) {
    throw new AppError(
      "conflict",
      `Applied migration${edited.length > 1 ? "s were" : " was"} edited afterwards: ${edited.map((m) => m.name).join(", ")} ` +
        `(its migration.sql no longer matches the checksum recorded when it ran). Restore the original text ` +
        `(git checkout -- prisma/migrations/<name>/migration.sql) and put the change in a new migration: npm run db:migration -- <name>.`,
      { edited },
    );
  }
  const engine = await openSchemaEngine({ databaseUrl, schemaPath: SCHEMA_PATH });
  try {
    const out = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    for (const name of out.appliedMigrationNames) opts.log?.(`Applied migration ${name}`);
    return { applied: out.appliedMigrationNames };
  } finally {
    engine.free();
  }
}
