import type pg from "pg";

/** The indexes of table $1 that no constraint needs (not the primary key, not a unique constraint): name and definition. */
export const SECONDARY_INDEXES_SQL = `
  SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
  ORDER BY c.relname`;

/**
 * Runs `insert` with the secondary indexes of `table` dropped, then recreates them from their own
 * definitions (pg_get_indexdef): building an index from a million sorted rows costs a fraction of a
 * million index insertions. Inside the caller's transaction, so a failure or a rollback restores them.
 *
 * Dropping an index locks the table against readers until commit, so this is for imports that are
 * large next to the table (the caller decides), and it gives up — keeping the indexes — rather than
 * wait more than `lockTimeoutMs` for readers already there. The primary key stays. Returns whether
 * the indexes were dropped.
 */
export async function rebuildIndexesAround(opts: {
  client: pg.ClientBase;
  table: string;
  lockTimeoutMs?: number;
  insert: () => Promise<void>;
}): Promise<boolean> {
  const { client, table } = opts;
  const found = await client.query<{ name: string; definition: string }>(SECONDARY_INDEXES_SQL, [table]);
  let dropped = false;
  if (found.rows.length > 0) {
    const previous = await client.query<{ value: string }>("SELECT current_setting('lock_timeout') AS value");
    await client.query("SAVEPOINT rebuild_indexes");
    try {
      await client.query("SELECT set_config('lock_timeout', $1, true)", [`${Math.round(opts.lockTimeoutMs ?? 2000)}ms`]);
      await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      for (const index of found.rows) await client.query(`DROP INDEX ${quoteIdent(index.name)}`);
      await client.query("RELEASE SAVEPOINT rebuild_indexes");
      dropped = true;
    } catch (e) {
      // Readers held the table too long, or this role does not own it: keep the indexes.
      await client.query("ROLLBACK TO SAVEPOINT rebuild_indexes");
      await client.query("RELEASE SAVEPOINT rebuild_indexes");
      if (!(e instanceof Error && "code" in e && (e.code === "55P03" || e.code === "42501"))) throw e;
    }
    await client.query("SELECT set_config('lock_timeout', $1, true)", [previous.rows[0]?.value ?? "0"]);
  }
  await opts.insert();
  if (dropped) {
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    for (const index of found.rows) await client.query(index.definition);
  }
  return dropped;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Whether `rows` new rows outnumber what `table` holds (its planner estimate; counted when it has none yet). */
export async function outnumbers(client: pg.ClientBase, table: string, rows: number): Promise<boolean> {
  const estimate = await client.query<{ n: number }>("SELECT reltuples::float8 AS n FROM pg_class WHERE oid = $1::regclass", [table]);
  let stored = estimate.rows[0]?.n ?? -1;
  if (stored < 0) stored = (await client.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM ${table}`)).rows[0]?.n ?? 0;
  return rows > stored;
}
