import { Prisma } from "../generated/prisma/client";
import { recipientTimeZoneSql } from "../campaigns/recipient-time-zone";
import { nextLocalTimeSql } from "./send-time-sql";

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
 * chunk. `sendTime` (a send-time test's winner): each row is due at the next HH:MM in its
 * recipient's zone after `after`, in chunks of one due moment each; otherwise everything is due now.
 * Returns the new chunks for their jobs.
 */
export async function releaseHeldRows(
  tx: Prisma.TransactionClient,
  options: {
    campaignId: string;
    split: { key: string; rows: number }[];
    salt: string;
    chunkSize: number;
    sendTime?: { time: string; fallbackZone: string; after: Date } | null;
  },
): Promise<{ chunk: number; dueAt: Date }[]> {
  const keys = options.split.map((s) => s.key);
  let end = 0;
  const ends = options.split.map((s) => (end += Math.max(0, Math.floor(s.rows))));
  if (end === 0) return [];
  const id = options.campaignId;
  const at = options.sendTime;
  let timed = Prisma.sql`SELECT p.customer_id, p.i, now() AS due FROM picked p`;
  if (at) {
    const tz = recipientTimeZoneSql(at.fallbackZone);
    timed = Prisma.sql`
      SELECT p.customer_id, p.i, ${nextLocalTimeSql(tz.zone, at.time, Prisma.sql`${at.after}::timestamptz`)} AS due
      FROM picked p JOIN customers c ON c.id = p.customer_id ${tz.join}`;
  }
  const chunks = await tx.$queryRaw<{ chunk: number; due_at: Date }[]>`
    WITH picked AS (
      SELECT customer_id, row_number() OVER (ORDER BY md5(${id} || ':' || customer_id::text || ':' || ${options.salt}), customer_id) - 1 AS i
      FROM (SELECT customer_id FROM campaign_sends WHERE campaign_id = ${id} AND state = 'held'
            ORDER BY md5(${id} || ':' || customer_id::text || ':' || ${options.salt}), customer_id LIMIT ${end}::int) h
    ), timed AS (${timed}
    ), base AS (
      SELECT coalesce(max(chunk), -1) + 1 AS first FROM campaign_chunks WHERE campaign_id = ${id}
    ), assigned AS (
      SELECT t.customer_id, t.due,
        (SELECT first FROM base) + (dense_rank() OVER (ORDER BY t.due, t.i / ${options.chunkSize}::int) - 1)::int AS chunk,
        (SELECT u.k FROM unnest(${keys}::text[], ${ends}::int[]) AS u(k, e) WHERE t.i < u.e ORDER BY u.e LIMIT 1) AS variant
      FROM timed t
    ), released AS (
      UPDATE campaign_sends s SET state = 'queued', chunk = a.chunk, variant = a.variant, updated_at = now()
      FROM assigned a WHERE s.campaign_id = ${id} AND s.customer_id = a.customer_id AND s.state = 'held'
      RETURNING s.chunk, a.due
    )
    INSERT INTO campaign_chunks (campaign_id, chunk, due_at, rows)
    SELECT ${id}, chunk, min(due), count(*)::int FROM released GROUP BY chunk
    RETURNING chunk, due_at`;
  return chunks.map((c) => ({ chunk: c.chunk, dueAt: c.due_at }));
}
