import { db } from "../db";
import { rfmSegmentCaseSql } from "./rfm-grid";

/**
 * RFM for everyone, in one statement. Population: customers with at least one purchase as of the
 * features' reference date. Each score is 1 + floor(5 × (rank − 1) / n) with SQL RANK() (ties share
 * the lowest rank); R ranks recency days descending so that the most recent get 5. Customers outside
 * the population get no scores. Returns the population size.
 */
export async function scoreRfm(): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM customer_features WHERE frequency > 0`);
  const n = rows[0]?.n ?? 0;
  // One transaction, without JIT: compiling the three window sorts' plan costs more than running it.
  await db.$transaction([
    db.$executeRawUnsafe("SET LOCAL jit = off"),
    db.$executeRawUnsafe(
      `WITH ranked AS (
         SELECT customer_id,
                1 + (5 * (rank() OVER (ORDER BY recency_days DESC) - 1)) / $1::bigint AS r,
                1 + (5 * (rank() OVER (ORDER BY frequency ASC) - 1)) / $1::bigint AS f,
                1 + (5 * (rank() OVER (ORDER BY monetary ASC) - 1)) / $1::bigint AS m
         FROM customer_features WHERE frequency > 0
       )
       UPDATE customer_features cf SET
         r_score = ranked.r, f_score = ranked.f, m_score = ranked.m,
         rfm_code = concat(ranked.r, ranked.f, ranked.m),
         rfm_segment = ${rfmSegmentCaseSql("ranked.r", "ranked.f")}
       FROM ranked WHERE ranked.customer_id = cf.customer_id
         AND (cf.r_score, cf.f_score, cf.m_score) IS DISTINCT FROM (ranked.r::smallint, ranked.f::smallint, ranked.m::smallint)`,
      Math.max(n, 1),
    ),
    db.$executeRawUnsafe(
      `UPDATE customer_features SET r_score = NULL, f_score = NULL, m_score = NULL, rfm_code = NULL, rfm_segment = NULL
       WHERE frequency = 0 AND r_score IS NOT NULL`,
    ),
  ]);
  return n;
}
