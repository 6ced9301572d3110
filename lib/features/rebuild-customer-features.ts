import { db, type Prisma } from "../db";
import { quoteIdent, SECONDARY_INDEXES_SQL } from "../ingest/rebuild-indexes-around";
import { getSettings, referenceNow } from "../settings/get-settings";
import { FEATURE_COLUMNS, FEATURE_UPDATES, featureRowsSql } from "./refresh-customer-features";
import { rfmSegmentCaseSql } from "./rfm-grid";

export interface RebuildProgress {
  percent: number;
  customersDone: number;
  customersTotal: number;
}

const REBUILD_WORK_MEM = "256MB";

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
export async function rebuildCustomerFeatures(opts: { asOf?: Date; onProgress?: (p: RebuildProgress) => unknown; signal?: AbortSignal } = {}) {
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
      const [{ n: population } = { n: 0 }] = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM customer_features_next WHERE frequency > 0`);
      const rebuilt = await dropIndexesOfFirstLoad(tx, computed);
      // RFM: 1 + floor(5 × (rank − 1) / n) with RANK() (ties share the lowest rank); R ranks recency
      // days descending so that the most recent get 5. Outside the population: no scores.
      await tx.$executeRawUnsafe(
        `INSERT INTO customer_features AS cf (${FEATURE_COLUMNS}, r_score, f_score, m_score, rfm_code, rfm_segment)
         SELECT x.*, ranked.r, ranked.f, ranked.m,
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
         ON CONFLICT (customer_id) DO UPDATE SET ${FEATURE_UPDATES},
           r_score = excluded.r_score, f_score = excluded.f_score, m_score = excluded.m_score,
           rfm_code = excluded.rfm_code, rfm_segment = excluded.rfm_segment`,
        Math.max(population, 1),
      );
      if (rebuilt.length > 0) await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
      for (const definition of rebuilt) await tx.$executeRawUnsafe(definition);
      return { customers: computed, population };
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  await opts.onProgress?.({ percent: 100, customersDone: result.customers, customersTotal: total });
  return { asOf, customers: result.customers, rfmPopulation: result.population, ms: Date.now() - started };
}
