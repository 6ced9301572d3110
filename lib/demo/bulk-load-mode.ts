import type pg from "pg";

/**
 * PostgreSQL's advice for bulk loads ("Populating a Database"): load empty tables without their
 * secondary indexes and foreign keys, then build the indexes in one pass and check the keys with
 * one query each. Definitions are read from the catalog and restored verbatim, inside the caller's
 * transaction: a failure rolls the drops back with everything else.
 */
interface Saved {
  indexes: { name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function readDefinitions(client: pg.Client, tables: readonly string[]): Promise<Saved> {
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace
        AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY i.relname`,
    [tables],
  );
  const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'f' AND t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace
      ORDER BY t.relname, c.conname`,
    [tables],
  );
  return { indexes: indexes.rows, foreignKeys: foreignKeys.rows };
}

/** Runs `load` with the tables' secondary indexes and foreign keys dropped, then restores them. */
export async function withBulkLoadMode<T>(
  client: pg.Client,
  tables: readonly string[],
  load: () => Promise<T>,
  onRestoring: () => void = () => undefined,
): Promise<T> {
  const saved = await readDefinitions(client, tables);
  for (const fk of saved.foreignKeys) await client.query(`ALTER TABLE ${quote(fk.table)} DROP CONSTRAINT ${quote(fk.name)}`);
  for (const index of saved.indexes) await client.query(`DROP INDEX ${quote(index.name)}`);
  const result = await load();
  onRestoring();
  await client.query("SET LOCAL maintenance_work_mem = '256MB'");
  for (const index of saved.indexes) await client.query(index.definition);
  for (const fk of saved.foreignKeys) {
    await client.query(`ALTER TABLE ${quote(fk.table)} ADD CONSTRAINT ${quote(fk.name)} ${fk.definition}`);
  }
  return result;
}
