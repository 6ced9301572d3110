import { addressHashKey } from "../consent/installation-secret";
import { getConsentPurpose } from "../consent/purposes";
import { db } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { getSettings } from "../settings/get-settings";

/**
 * Who "will receive": the one definition campaigns (review funnel, fan-out, the per-chunk check at
 * the moment of sending) and the segment export's "mailable only" option share, so they never
 * disagree. Everything is decided in SQL, set-based (docs/decisions/090).
 *
 * A customer is left out for the first reason that applies, in this order:
 * 1. no_consent    — email_marketing consent does not allow it (latest record, else the purpose's default);
 * 2. suppressed    — the address is on the suppression list (the same HMAC as lib/consent, in pgcrypto);
 * 3. frequency_cap — the person already received (or is about to receive from a campaign of higher
 *                    priority, or from one already in flight) as many marketing emails in the cap's
 *                    window as Settings allow;
 * 4. no_address    — no usable email address.
 * Transactional sends skip the consent and cap checks (suppression still applies).
 */
export type NotMailableReason = "no_consent" | "suppressed" | "frequency_cap" | "no_address";

export interface Audience {
  includeSegmentIds: readonly string[];
  excludeSegmentIds?: readonly string[];
}

/** Which campaign asks (its rows do not count against itself) and how it ranks for the frequency cap. */
export interface SenderRank {
  campaignId?: string | null;
  priority?: number;
  /** Ties of priority go to the campaign created first. */
  createdAt?: Date;
  transactional?: boolean;
}

export interface AudienceFunnel {
  /** Distinct customers in the included segments and in none of the excluded ones. */
  inSegments: number;
  willReceive: number;
  withoutConsent: number;
  suppressed: number;
  overCap: number;
  withoutAddress: number;
}

/** SELECT customer_id of an audience: members of any included segment, minus members of any excluded one. */
export function audienceCustomersSql(audience: Audience): Prisma.Sql {
  const include = [...audience.includeSegmentIds];
  const exclude = [...(audience.excludeSegmentIds ?? [])];
  const members = Prisma.sql`SELECT DISTINCT customer_id FROM segment_members WHERE segment_id = ANY(${include}::text[])`;
  if (exclude.length === 0) return members;
  return Prisma.sql`${members} EXCEPT SELECT customer_id FROM segment_members WHERE segment_id = ANY(${exclude}::text[])`;
}

/**
 * SELECT customer_id, reason (NULL = will receive) for the customers `customers` selects (a query
 * with one column, customer_id: an audience, or a chunk of a campaign's ledger).
 */
export async function classifyRecipientsSql(options: { customers: Prisma.Sql; rank?: SenderRank; at?: Date }): Promise<Prisma.Sql> {
  const rank = options.rank ?? {};
  const at = options.at ?? new Date();
  const [purpose, settings] = await Promise.all([getConsentPurpose({ key: "email_marketing" }), getSettings()]);
  const optOut = purpose?.defaultRule === "opt_out";
  const transactional = rank.transactional === true;

  const consent = transactional
    ? Prisma.sql`true`
    : optOut
      ? Prisma.sql`NOT EXISTS (SELECT 1 FROM consent_latest cl WHERE cl.customer_id = a.customer_id AND cl.purpose = 'email_marketing' AND cl.status IN ('denied', 'withdrawn'))`
      : Prisma.sql`EXISTS (SELECT 1 FROM consent_latest cl WHERE cl.customer_id = a.customer_id AND cl.purpose = 'email_marketing' AND cl.status = 'granted')`;

  const hasAddress = Prisma.sql`(c.email IS NOT NULL AND position('@' IN c.email) > 1)`;
  const suppressed = Prisma.sql`(${hasAddress} AND encode(hmac(convert_to(lower(btrim(c.email, ${" \t\n\r\f\v"})), 'UTF8'), decode(${addressHashKey().toString("hex")}, 'hex'), 'sha256'), 'hex') IN (SELECT address_hash FROM suppressions))`;

  const capCount = settings.frequencyCapCount;
  let capJoin = Prisma.empty;
  let overCap = Prisma.sql`false`;
  if (!transactional && capCount != null) {
    const since = new Date(at.getTime() - settings.frequencyCapDays * 86_400_000);
    const self = rank.campaignId ?? "";
    const priority = rank.priority ?? 0;
    const createdAt = rank.createdAt ?? at;
    // Rows of other campaigns count when they are in flight, or queued (or held for an experiment's
    // winner) in a campaign that ranks above this one (higher priority; equal priority and created earlier).
    capJoin = Prisma.sql`
      LEFT JOIN (SELECT f.customer_id, count(*)::int AS n FROM frequency_cap_sends f
                 WHERE f.customer_id IN (SELECT customer_id FROM audience) AND f.sent_at > ${since}
                 GROUP BY f.customer_id) capped ON capped.customer_id = a.customer_id
      LEFT JOIN (SELECT s.customer_id, count(*)::int AS n FROM campaign_sends s JOIN campaigns k ON k.id = s.campaign_id
                 WHERE s.customer_id IN (SELECT customer_id FROM audience) AND s.campaign_id <> ${self}
                   AND s.state IN ('queued', 'sending', 'held') AND k.status IN ('sending', 'paused') AND NOT k.transactional
                   AND (s.state = 'sending' OR k.priority > ${priority}
                        OR (k.priority = ${priority} AND (k.created_at, k.id) < (${createdAt}::timestamptz, ${self})))
                 GROUP BY s.customer_id) pending ON pending.customer_id = a.customer_id`;
    overCap = Prisma.sql`coalesce(capped.n, 0) + coalesce(pending.n, 0) >= ${capCount}`;
  }

  // Both steps materialized: a caller that joins this query (a freshly written ledger chunk whose
  // rows the planner estimates at one) may put it on the inner side of a nested loop, which would
  // classify the whole set again for every outer row; a rescan now reads the stored result.
  return Prisma.sql`
    WITH audience AS MATERIALIZED (${options.customers}),
    classified AS MATERIALIZED (
      SELECT a.customer_id,
        CASE WHEN NOT (${consent}) THEN 'no_consent'
             WHEN ${suppressed} THEN 'suppressed'
             WHEN ${overCap} THEN 'frequency_cap'
             WHEN NOT ${hasAddress} THEN 'no_address'
        END AS reason
      FROM audience a JOIN customers c ON c.id = a.customer_id ${capJoin})
    SELECT customer_id, reason FROM classified`;
}

/** Checks that every segment exists; throws not_found naming the first unknown one. */
export async function assertSegmentsExist(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.segment.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  const known = new Set(found.map((s) => s.id));
  const missing = ids.find((id) => !known.has(id));
  if (missing) throw new AppError("not_found", `There is no segment "${missing}": pick one from the Segments page.`);
}

/**
 * SELECT customer_id of the audience's customers who will receive: what the segment export's
 * "mailable only" option and the campaign fan-out select.
 */
export async function mailableCustomerIdsSql(options: { audience: Audience; rank?: SenderRank }): Promise<Prisma.Sql> {
  const classified = await classifyRecipientsSql({ customers: audienceCustomersSql(options.audience), rank: options.rank });
  return Prisma.sql`SELECT customer_id FROM (${classified}) mailable WHERE reason IS NULL`;
}

/** "12,480 in segments → 11,902 will receive: 410 without email consent, …", counted now. */
export async function countAudienceFunnel(options: { audience: Audience; rank?: SenderRank }): Promise<AudienceFunnel> {
  if (options.audience.includeSegmentIds.length === 0) throw new AppError("bad_request", "Pick at least one segment to send to.");
  await assertSegmentsExist([...options.audience.includeSegmentIds, ...(options.audience.excludeSegmentIds ?? [])]);
  const classified = await classifyRecipientsSql({ customers: audienceCustomersSql(options.audience), rank: options.rank });
  const rows = await db.$queryRaw<{ reason: string | null; n: number }[]>`
    SELECT reason, count(*)::int AS n FROM (${classified}) x GROUP BY reason`;
  const by = new Map(rows.map((r) => [r.reason, r.n]));
  const n = (k: string | null) => by.get(k) ?? 0;
  return {
    inSegments: rows.reduce((sum, r) => sum + r.n, 0),
    willReceive: n(null),
    withoutConsent: n("no_consent"),
    suppressed: n("suppressed"),
    overCap: n("frequency_cap"),
    withoutAddress: n("no_address"),
  };
}
