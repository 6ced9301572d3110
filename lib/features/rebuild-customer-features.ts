import { db, type Prisma } from "../db";
import { quoteIdent, SECONDARY_INDEXES_SQL } from "../bulk/rebuild-indexes-around";
import { getSettings, referenceNow } from "../settings/get-settings";
import { FEATURE_COLUMNS, FEATURE_UPDATES, featureRowsSql } from "./refresh-customer-features";
import { rfmSegmentCaseSql } from "./rfm-grid";

export interface RebuildProgress {
  percent: number;
  customersDone: number;
  customersTotal: number;
}

const REBUILD_WORK_MEM = "256MB";
/** How long the swap waits for readers still on the old table before updating it in place instead. */
const SWAP_LOCK_TIMEOUT_MS = 2_000;
const SCORED_COLUMNS = `${FEATURE_COLUMNS}, r_score, f_score, m_score, rfm_code, rfm_segment`;

/**
 * Every computed row (customer_features_next) with its RFM scores: 1 + floor(5 × (rank − 1) / n) with
 * RANK() (ties share the lowest rank); R ranks recency days descending so that the most recent get 5.
 * Outside the population: no scores. In customer id order.
 */
function rfmScoredRowsSql(population: number): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT x.*, ranked.r, ranked.f, ranked.m,
                 CASE WHEN ranked.r IS NOT NULL THEN concat(ranked.r, ranked.f, ranked.m) END,
                 CASE WHEN ranked.r IS NOT NULL THEN ${rfmSegmentCaseSql("ranked.r", "ranked.f")} END
          FROM customer_features_next x
          LEFT JOIN (
            SELECT customer_id,
                   1 + (5 * (rank() OVER (ORDER BY recency_days DESC) - 1)) / $1::bigint AS r,
                   1 + (5 * (rank() OVER (ORDER BY frequency ASC) - 1)) / $1::bigint AS f,
                   1 + (5 * (rank() OVER (ORDER BY monetary ASC) - 1)) / $1::bigint AS m
            FROM customer_features_next WHERE frequency > 0
          ) ranked ON ranked.customer_id = x.customer_id
          ORDER BY x.customer_id`,
    params: [population],
  };
}

/**
 * Writes the rows into a new table of the same shape (columns, defaults, checks), builds its primary
 * key, foreign keys and indexes from the sorted rows, and puts it in customer_features' place: a
 * compact table (updating every row in place would leave half of every page dead) whose indexes are
 * built once instead of maintained row by row. Readers keep reading the old table until the swap,
 * which waits at most `lockTimeoutMs` for them; past that nothing is kept and false is returned.
 */
async function swapInRebuiltTable(
  tx: Prisma.TransactionClient,
  rowsSql: string,
  params: unknown[],
  lockTimeoutMs: number,
): Promise<boolean> {
  const constraints = await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = 'customer_features'::regclass AND contype IN ('p', 'u', 'f', 'x') ORDER BY contype DESC, conname`,
  );
  const indexes = await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(SECONDARY_INDEXES_SQL, "customer_features");
  const renamed = (name: string) => `${name.slice(0, 50)}_rebuilt`;
  await tx.$executeRawUnsafe("SAVEPOINT swap_features");
  try {
    await tx.$executeRawUnsafe(`CREATE TABLE customer_features_rebuilt (LIKE customer_features INCLUDING ALL EXCLUDING INDEXES)`);
    await tx.$executeRawUnsafe(`INSERT INTO customer_features_rebuilt (${SCORED_COLUMNS}) ${rowsSql}`, ...params);
    await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const c of constraints)
      await tx.$executeRawUnsafe(`ALTER TABLE customer_features_rebuilt ADD CONSTRAINT ${quoteIdent(renamed(c.name))} ${c.definition}`);
    for (const index of indexes) {
      const definition = index.definition.replace(
        /^(CREATE (?:UNIQUE )?INDEX )\S+ ON \S+ /,
        `$1${quoteIdent(renamed(index.name))} ON customer_features_rebuilt `,
      );
      await tx.$executeRawUnsafe(definition);
    }
    await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${Math.max(1, Math.round(lockTimeoutMs))}ms'`);
    await tx.$executeRawUnsafe(`LOCK TABLE customer_features IN ACCESS EXCLUSIVE MODE`);
    await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = 0`);
  } catch (e) {
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT swap_features");
    if (/lock timeout/i.test(e instanceof Error ? e.message : String(e))) return false;
    throw e;
  }
  await tx.$executeRawUnsafe(`DROP TABLE customer_features`);
  await tx.$executeRawUnsafe(`ALTER TABLE customer_features_rebuilt RENAME TO customer_features`);
  for (const c of constraints)
    await tx.$executeRawUnsafe(`ALTER TABLE customer_features RENAME CONSTRAINT ${quoteIdent(renamed(c.name))} TO ${quoteIdent(c.name)}`);
  for (const index of indexes)
    await tx.$executeRawUnsafe(`ALTER INDEX ${quoteIdent(renamed(index.name))} RENAME TO ${quoteIdent(index.name)}`);
  await tx.$executeRawUnsafe(`ANALYZE customer_features`);
  await tx.$executeRawUnsafe("RELEASE SAVEPOINT swap_features");
  return true;
}

/**
 * A first load (more rows to write than customer_features holds): its secondary indexes are dropped
 * before the rows go in and rebuilt from sorted data afterwards, which costs a fraction of a hundred
 * thousand index insertions per index (docs/decisions/032). Dropping them locks readers out until
 * commit, so only when nobody is reading at that moment (NOWAIT; else they stay). Returns the
 * definitions to recreate.
 */
async function dropIndexesOfFirstLoad(tx: Prisma.TransactionClient, rows: number): Promise<string[]> {
  const [{ stored } = { stored: 0 }] = await tx.$queryRawUnsafe<{ stored: number }[]>(
    `SELECT CASE WHEN reltuples < 0 THEN (SELECT count(*) FROM customer_features) ELSE reltuples END::float8 AS stored
     FROM pg_class WHERE oid = 'customer_features'::regclass`,
  );
  if (rows <= stored) return [];
  const indexes = await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(SECONDARY_INDEXES_SQL, "customer_features");
  if (indexes.length === 0) return [];
  await tx.$executeRawUnsafe("SAVEPOINT drop_feature_indexes");
  try {
    await tx.$executeRawUnsafe("LOCK TABLE customer_features IN ACCESS EXCLUSIVE MODE NOWAIT");
  } catch {
    // Someone is reading the features right now: keep the indexes.
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT drop_feature_indexes");
    return [];
  }
  for (const index of indexes) await tx.$executeRawUnsafe(`DROP INDEX ${quoteIdent(index.name)}`);
  await tx.$executeRawUnsafe("RELEASE SAVEPOINT drop_feature_indexes");
  return indexes.map((i) => i.definition);
}

/**
 * Recomputes every customer's features as of the reference date (settings.referenceDate, else now)
 * and scores RFM, set-based: the rows are computed into a temporary table (no WAL, no indexes),
 * scored there (the same formula as scoreRfm), and written to customer_features in one statement,
 * so each row is written once, not once for the features and again for RFM. Writers of features
 * (the workers' per-customer refresh) wait meanwhile, readers do not. Customers deleted since are
 * dropped by the cascade.
 */
export async function rebuildCustomerFeatures(
  opts: {
    asOf?: Date;
    onProgress?: (p: RebuildProgress) => unknown;
    signal?: AbortSignal;
    /** How long the swap waits for readers (tests). */ swapLockTimeoutMs?: number;
  } = {},
) {
  const asOf = opts.asOf ?? referenceNow(await getSettings());
  const started = Date.now();
  const [{ n: total } = { n: 0 }] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM customers`);
  await opts.onProgress?.({ percent: 5, customersDone: 0, customersTotal: total });
  opts.signal?.throwIfAborted();
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${REBUILD_WORK_MEM}'`);
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 0`);
      // Compiling these plans (about 100 functions) costs more than running them: see docs/decisions/032.
      await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
      await tx.$executeRawUnsafe(`LOCK TABLE customer_features IN SHARE MODE`);
      const computed = await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE customer_features_next ON COMMIT DROP AS ${featureRowsSql(`SELECT c.id, c.last_seen_at FROM customers c`, { everyone: true })}`,
        asOf,
      );
      await opts.onProgress?.({ percent: 60, customersDone: computed, customersTotal: total });
      opts.signal?.throwIfAborted();
      const [{ n: population } = { n: 0 }] = await tx.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM customer_features_next WHERE frequency > 0`,
      );
      const scored = rfmScoredRowsSql(Math.max(population, 1));
      const swapped = await swapInRebuiltTable(tx, scored.sql, scored.params, opts.swapLockTimeoutMs ?? SWAP_LOCK_TIMEOUT_MS);
      if (!swapped) {
        // Readers held the table: every row is updated in place instead (the table then holds the
        // old versions' space until vacuumed and reused).
        const rebuilt = await dropIndexesOfFirstLoad(tx, computed);
        await tx.$executeRawUnsafe(
          `INSERT INTO customer_features AS cf (${SCORED_COLUMNS})
           ${scored.sql}
           ON CONFLICT (customer_id) DO UPDATE SET ${FEATURE_UPDATES},
             r_score = excluded.r_score, f_score = excluded.f_score, m_score = excluded.m_score,
             rfm_code = excluded.rfm_code, rfm_segment = excluded.rfm_segment`,
          ...scored.params,
        );
        if (rebuilt.length > 0) await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
        for (const definition of rebuilt) await tx.$executeRawUnsafe(definition);
      }
      return { customers: computed, population };
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  // A new table's pages are not yet marked all-visible: index-only scans (the segment preview's
  // counts) would visit the heap for every row until autovacuum came by.
  await db.$executeRawUnsafe(`VACUUM customer_features`);
  await opts.onProgress?.({ percent: 100, customersDone: result.customers, customersTotal: total });
  return { asOf, customers: result.customers, rfmPopulation: result.population, ms: Date.now() - started };
}
