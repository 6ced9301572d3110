import fs from "node:fs";
import path from "node:path";
import { ensureDatabase } from "./ensure-database";
import { MIGRATIONS_DIR, readMigrationsList, SCHEMA_PATH } from "./migrations-dir";
import { openSchemaEngine } from "./schema-engine";

export interface CreateMigrationOptions {
  /** Used only for its shadow database: the migrations are replayed there, then compared to the schema. */
  databaseUrl: string;
  name: string;
  log?: (line: string) => void;
}

function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql: the difference between what the
 * existing migrations build and prisma/schema.prisma. Returns null when there is none.
 */
export async function createMigration(opts: CreateMigrationOptions): Promise<string | null> {
  await ensureDatabase(opts.databaseUrl);
  const engine = await openSchemaEngine({ databaseUrl: opts.databaseUrl, schemaPath: SCHEMA_PATH, log: opts.log });
  try {
    const list = readMigrationsList();
    const to = { tag: "schemaDatamodel" as const, files: [{ path: SCHEMA_PATH, content: fs.readFileSync(SCHEMA_PATH, "utf8") }] };
    const from = list.migrationDirectories.length ? { tag: "migrations" as const, ...list } : { tag: "empty" as const };
    const out = await engine.diff({ from, to, script: true, exitCode: null, filters: { externalTables: [], externalEnums: [] } });
    // The engine re-emits CREATE EXTENSION on every diff: keep it only where no migration has it yet.
    const previous = list.migrationDirectories
      .map((d) => (d.migrationFile.content.tag === "ok" ? d.migrationFile.content.value : ""))
      .join("\n");
    const script = (out.stdout ?? "")
      .replace('CREATE SCHEMA IF NOT EXISTS "public";\n\n', "")
      .replace(/-- CreateExtension\n(CREATE EXTENSION IF NOT EXISTS "[^"]+";)\n*/g, (block, statement: string) =>
        previous.includes(statement) ? "" : block,
      );
    if (!script.trim() || /^-- This is an empty migration\.?\s*$/.test(script.trim())) return null;
    const name = `${timestamp()}_${opts.name}`;
    fs.mkdirSync(path.join(MIGRATIONS_DIR, name), { recursive: true });
    fs.writeFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), script);
    return name;
  } finally {
    engine.free();
  }
}
