import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { env } from "../env";
import { applyMigrations } from "./apply-migrations";
import { MIGRATIONS_DIR } from "./migrations-dir";

// This file's database was copied from a template migrated with prisma/migrations: every migration is applied.
const copy = fs.mkdtempSync(path.join(os.tmpdir(), "tailor-migrations-"));
fs.cpSync(MIGRATIONS_DIR, copy, { recursive: true });
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

const names = fs
  .readdirSync(copy, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const sqlOf = (name: string) => path.join(copy, name, "migration.sql");
const tableExists = async (table: string) =>
  (await db.$queryRawUnsafe<{ t: string | null }[]>(`SELECT to_regclass('${table}')::text AS t`))[0]?.t != null;

describe("applyMigrations and the checksums of applied migrations", () => {
  it("stores each applied migration's SHA-256 and applies nothing new when the files are unchanged", async () => {
    const rows = await db.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
      "SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const r of rows)
      expect(r.checksum, r.migration_name).toBe(
        createHash("sha256")
          .update(fs.readFileSync(sqlOf(r.migration_name)))
          .digest("hex"),
      );
    expect(await applyMigrations({ databaseUrl: env().DATABASE_URL, migrationsDir: copy })).toEqual({ applied: [] });
  });

  it("refuses to run when an applied migration was edited, naming it, and applies nothing", async () => {
    const edited = names[Math.floor(names.length / 2)]!;
    fs.appendFileSync(sqlOf(edited), "\nALTER TABLE customers ADD COLUMN sneaked_in integer;\n");
    fs.mkdirSync(path.join(copy, "99990101000000_probe"));
    fs.writeFileSync(sqlOf("99990101000000_probe"), "CREATE TABLE migration_probe (id integer);\n");

    await expect(applyMigrations({ databaseUrl: env().DATABASE_URL, migrationsDir: copy })).rejects.toThrow(
      new RegExp(`Applied migration was edited afterwards: ${edited} .*npm run db:migration`),
    );
    expect(await tableExists("migration_probe")).toBe(false);
  });

  it("takes a file whose only change is CRLF line endings as unchanged, and applies the new migration", async () => {
    const edited = names[Math.floor(names.length / 2)]!;
    fs.copyFileSync(path.join(MIGRATIONS_DIR, edited, "migration.sql"), sqlOf(edited));
    const crlf = names[0]!;
    fs.writeFileSync(sqlOf(crlf), fs.readFileSync(sqlOf(crlf), "utf8").replace(/\r?\n/g, "\r\n"));

    expect(await applyMigrations({ databaseUrl: env().DATABASE_URL, migrationsDir: copy })).toEqual({ applied: ["99990101000000_probe"] });
    expect(await tableExists("migration_probe")).toBe(true);
  });
});
