import type { Prisma } from "../generated/prisma/client";

/**
 * Locks a campaign's experiment for a decision or a bandit wave (one at a time, whichever worker
 * runs it) and returns how many rows are held, or null when the experiment is no longer testing.
 */
export async function lockTestingExperiment(tx: Prisma.TransactionClient, campaignId: string): Promise<number | null> {
  const [locked] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status FROM campaign_experiments WHERE campaign_id = ${campaignId} FOR UPDATE`;
  if (locked?.status !== "testing") return null;
  const [held] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM campaign_sends WHERE campaign_id = ${campaignId} AND state = 'held'`;
  return held!.n;
}

/**
 * Turns held rows into queued ones in new chunks (due now), in one statement: `split` says how many
 * rows each variant gets (in that order); the rows are drawn in a fixed random order (a hash of
 * campaign, customer and `salt`), so who gets which variant does not depend on when they signed up.
 * The chunks' frequency-cap, consent and suppression checks happen when they are sent, as for every
 * chunk. Returns the new chunks for their jobs.
 */
export async function releaseHeldRows(
  tx: Prisma.TransactionClient,
  options: { campaignId: string; split: { key: string; rows: number }[]; salt: string; chunkSize: number },
): Promise<{ chunk: number; dueAt: Date }[]> {
  const keys = options.split.map((s) => s.key);
  let end = 0;
  const ends = options.split.map((s) => (end += Math.max(0, Math.floor(s.rows))));
  if (end === 0) return [];
  const id = options.campaignId;
  const chunks = await tx.$queryRaw<{ chunk: number; due_at: Date }[]>`
    WITH picked AS (
      SELECT customer_id, row_number() OVER (ORDER BY md5(${id} || ':' || customer_id::text || ':' || ${options.salt}), customer_id) - 1 AS i
      FROM (SELECT customer_id FROM campaign_sends WHERE campaign_id = ${id} AND state = 'held'
            ORDER BY md5(${id} || ':' || customer_id::text || ':' || ${options.salt}), customer_id LIMIT ${end}::int) h
    ), base AS (
      SELECT coalesce(max(chunk), -1) + 1 AS first FROM campaign_chunks WHERE campaign_id = ${id}
    ), assigned AS (
      SELECT p.customer_id, (SELECT first FROM base) + (p.i / ${options.chunkSize}::int)::int AS chunk,
        (SELECT u.k FROM unnest(${keys}::text[], ${ends}::int[]) AS u(k, e) WHERE p.i < u.e ORDER BY u.e LIMIT 1) AS variant
      FROM picked p
    ), released AS (
      UPDATE campaign_sends s SET state = 'queued', chunk = a.chunk, variant = a.variant, updated_at = now()
      FROM assigned a WHERE s.campaign_id = ${id} AND s.customer_id = a.customer_id AND s.state = 'held'
      RETURNING s.chunk
    )
    INSERT INTO campaign_chunks (campaign_id, chunk, due_at, rows)
    SELECT ${id}, chunk, now(), count(*)::int FROM released GROUP BY chunk
    RETURNING chunk, due_at`;
  return chunks.map((c) => ({ chunk: c.chunk, dueAt: c.due_at }));
}
