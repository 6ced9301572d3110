import { createHash } from "node:crypto";
import pg from "pg";
import type { MigrationList } from "@prisma/schema-engine-wasm";

export interface EditedMigration {
  name: string;
  /** The checksum stored when it was applied, and the one of the file today. */
  appliedChecksum: string;
  fileChecksum: string;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The applied migrations whose migration.sql no longer has the checksum recorded when it ran
 * (`_prisma_migrations.checksum`, the SHA-256 of the file). An applied migration must never change:
 * databases that ran the old text would differ silently from new ones. Line endings alone (CRLF
 * from a checkout on Windows) do not count as an edit; an applied migration missing from the folder
 * (another branch's) is not checked. Empty when the database has no migrations yet.
 */
export async function findEditedMigrations(opts: { databaseUrl: string; migrations: MigrationList }): Promise<EditedMigration[]> {
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    const { rows: exists } = await client.query<{ table: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS table");
    if (!exists[0]?.table) return [];
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const files = new Map(
      opts.migrations.migrationDirectories.map((d) => [
        d.path,
        d.migrationFile.content.tag === "ok" ? d.migrationFile.content.value : null,
      ]),
    );
    const edited: EditedMigration[] = [];
    for (const row of rows) {
      const text = files.get(row.migration_name);
      if (text == null) continue;
      const checksums = new Set([sha256(text), sha256(text.replace(/\r\n/g, "\n"))]);
      if (!checksums.has(row.checksum))
        edited.push({ name: row.migration_name, appliedChecksum: row.checksum, fileChecksum: sha256(text) });
    }
    return edited;
  } finally {
    await client.end();
  }
}
