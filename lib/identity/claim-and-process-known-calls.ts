import type { Prisma } from "../db";
import { CONSENT_EVENTS } from "../consent/record-tracked-consent";

export interface KeyUsage {
  apiKeyId: string;
  events: number;
  /** ISO time of the latest call received. */
  lastReceivedAt: string;
}

export interface KnownCallsResult {
  /** How many calls the batch claimed (all of them, fast or not). */
  claimed: number;
  /** Calls written here per API key, for recordKeyUsage. */
  usage: KeyUsage[];
  /** Calls left waiting for identity resolution (not marked processed): new people, identify/alias/group
   * calls, emails or phones, consent. */
  slowIds: bigint[];
  /** Customers who got events, by timeline event type (for the segment hook). */
  changed: { type: string; customerIds: number[] }[];
  /** Customers whose `timezone` attribute a call's context.timezone changed (the segment hook's "attributes"). */
  zoneChanged: number[];
}

/**
 * The worker's fast path, set-based in one statement: claims up to `limit` waiting calls (SKIP
 * LOCKED; of one lane's share when `lane` is given) and writes straight onto the profile timeline
 * every track, page and screen call whose userId and anonymousId are already known and belong to one
 * profile (the bulk of the traffic), marking those processed. Nothing of them travels to Node. The
 * others are returned by id and stay waiting: identity resolution claims them in a transaction of its
 * own, which takes its lock before any row lock (claimSlowCalls), so the two never wait on each other.
 */
export async function claimAndProcessKnownCalls(options: {
  tx: Prisma.TransactionClient;
  limit: number;
  lane?: { index: number; count: number };
}): Promise<KnownCallsResult> {
  const consentEvents = [...CONSENT_EVENTS];
  const lanes = options.lane?.count ?? 1;
  const lane = options.lane?.index ?? 0;
  // Statistics taken while calls wait make the planner read all of tracking_events sequentially to find
  // the waiting ones: the claim must always start from the (processed_at, id) index. Every other step
  // is an index probe per call.
  await options.tx.$executeRaw`SET LOCAL enable_seqscan = off`;
  const [row] = await options.tx.$queryRaw<
    {
      claimed: number;
      usage: { key: string; events: number; last: string }[] | null;
      slow: bigint[] | null;
      changed: { type: string; ids: number[] }[] | null;
      zoned: number[] | null;
    }[]
  >`
    WITH batch AS (
      -- Ordered as the (processed_at, id) index is: it is read from the first waiting call on. Ordered by
      -- id alone, Postgres may walk the primary key through every processed call to find the waiting ones.
      SELECT id, message_id, type, nullif(user_id, '') AS user_id, nullif(anonymous_id, '') AS anonymous_id,
        payload, occurred_at, api_key_id, received_at
      FROM tracking_events WHERE processed_at IS NULL
        -- Lane k of n takes the calls whose person's id hashes to k: lanes running at once write onto
        -- different customers (and their event_counts rows), so they do not wait for each other's locks.
        AND (${lanes}::int = 1 OR (hashtext(coalesce(user_id, anonymous_id, message_id)) & 2147483647) % ${lanes}::int = ${lane}::int)
      ORDER BY processed_at, id LIMIT ${options.limit} FOR UPDATE SKIP LOCKED
    ), keyed AS MATERIALIZED (
      -- Scalar look-ups: each one an equality probe of the unique (type, source, value) index, whatever
      -- the planner guesses about the batch (it estimates an UPDATE … RETURNING at a handful of rows).
      -- Materialized: inlined, each look-up would run again for every mention of its column below.
      SELECT b.*, s.source,
        (SELECT i.customer_id FROM identities i WHERE i.type = 'external_id' AND i.source = s.source AND i.value = b.user_id) AS by_user,
        (SELECT i.customer_id FROM identities i WHERE i.type = 'anonymous_id' AND i.source = '' AND i.value = b.anonymous_id) AS by_anonymous
      FROM batch b, LATERAL (SELECT coalesce((SELECT k.source FROM api_keys k WHERE k.id = b.api_key_id), 'api') AS source) s
    ), known AS (
      SELECT b.*, coalesce(b.by_user, b.by_anonymous) AS customer_id
      FROM keyed b
      WHERE b.type IN ('track', 'page', 'screen')
        AND (b.user_id IS NOT NULL OR b.anonymous_id IS NOT NULL)
        AND (b.user_id IS NULL OR b.by_user IS NOT NULL)
        AND (b.anonymous_id IS NULL OR b.by_anonymous IS NOT NULL)
        AND (b.by_user IS NULL OR b.by_anonymous IS NULL OR b.by_user = b.by_anonymous)
        -- An email or phone in context.traits is an identifier to resolve; consent calls record consent.
        AND NOT coalesce(b.payload -> 'context' -> 'traits' ?| array['email', 'phone'], false)
        AND NOT (b.type = 'track' AND b.payload ->> 'event' = ANY(${consentEvents}::text[]))
        -- The shapes the timeline rows below are written for (anything unusual takes the slow path,
        -- which writes the same rows in JavaScript): properties an object, name and category text.
        AND coalesce(jsonb_typeof(b.payload -> 'properties'), 'object') = 'object'
        AND coalesce(jsonb_typeof(b.payload -> 'name'), 'string') = 'string'
        AND coalesce(jsonb_typeof(b.payload -> 'category'), 'string') = 'string'
    ), shaped AS (
      SELECT k.id, k.customer_id, k.occurred_at, k.api_key_id, k.message_id, 'tracking:' || k.source AS source,
        CASE k.type WHEN 'track' THEN k.payload ->> 'event' WHEN 'page' THEN 'page_viewed' ELSE 'screen_viewed' END AS type,
        CASE WHEN k.type = 'track' THEN coalesce(k.payload -> 'properties', '{}')
          ELSE coalesce(k.payload -> 'properties', '{}')
            || CASE WHEN k.payload ->> 'name' <> '' THEN jsonb_build_object('name', k.payload -> 'name') ELSE '{}' END
            || CASE WHEN k.payload ->> 'category' <> '' THEN jsonb_build_object('category', k.payload -> 'category') ELSE '{}' END
        END AS properties
      FROM known k
    ), marked AS (
      -- = ANY(array): an index probe per call (a join let the planner scan the whole table).
      UPDATE tracking_events t SET processed_at = now() WHERE t.id = ANY(ARRAY(SELECT id FROM known))
    ), inserted AS (
      INSERT INTO events (customer_id, type, occurred_at, properties, source, api_key_id, message_id)
      SELECT customer_id, type, occurred_at, properties, source, api_key_id, message_id FROM shaped ORDER BY id
      ON CONFLICT (api_key_id, message_id) DO NOTHING
    ), seen AS (
      UPDATE customers c SET first_seen_at = least(c.first_seen_at, t.first), last_seen_at = greatest(c.last_seen_at, t.last),
        attributes = CASE WHEN t.zone IS NOT NULL AND c.attributes ->> 'timezone' IS DISTINCT FROM t.zone
          THEN c.attributes || jsonb_build_object('timezone', t.zone) ELSE c.attributes END,
        updated_at = now()
      -- In id order, so that two batches running at once lock shared customers in the same order. The
      -- latest context.timezone a call carried is the profile's time zone (local-hour campaign sends).
      FROM (SELECT customer_id, min(occurred_at) AS first, max(occurred_at) AS last,
              (array_agg(payload -> 'context' ->> 'timezone' ORDER BY occurred_at DESC)
                FILTER (WHERE jsonb_typeof(payload -> 'context' -> 'timezone') = 'string'))[1] AS zone,
              -- The zone before this statement (its snapshot), to tell the segments which profiles changed.
              (SELECT o.attributes ->> 'timezone' FROM customers o WHERE o.id = known.customer_id) AS old_zone
            FROM known GROUP BY customer_id ORDER BY customer_id) t
      WHERE c.id = t.customer_id
        -- "Last seen" to the minute: a burst of calls does not rewrite the row (and its indexes) each time.
        AND (c.last_seen_at IS NULL OR c.first_seen_at IS NULL OR t.last > c.last_seen_at + interval '1 minute' OR t.first < c.first_seen_at
          OR (t.zone IS NOT NULL AND c.attributes ->> 'timezone' IS DISTINCT FROM t.zone))
      RETURNING c.id, t.zone IS NOT NULL AND t.old_zone IS DISTINCT FROM t.zone AS zoned
    )
    SELECT (SELECT count(*)::int FROM batch) AS claimed,
      (SELECT json_agg(json_build_object('key', api_key_id, 'events', n, 'last', last)) FROM
        (SELECT api_key_id, count(*) AS n, max(received_at) AS last FROM known GROUP BY api_key_id) u) AS usage,
      (SELECT array_agg(id ORDER BY id) FROM batch WHERE id NOT IN (SELECT id FROM known)) AS slow,
      (SELECT json_agg(json_build_object('type', type, 'ids', ids)) FROM (SELECT type, array_agg(DISTINCT customer_id) AS ids FROM shaped GROUP BY type) g) AS changed,
      (SELECT array_agg(id) FROM seen WHERE zoned) AS zoned`;
  await options.tx.$executeRaw`SET LOCAL enable_seqscan = on`;
  return {
    claimed: row?.claimed ?? 0,
    usage: (row?.usage ?? []).map((u) => ({ apiKeyId: u.key, events: Number(u.events), lastReceivedAt: u.last })),
    slowIds: row?.slow ?? [],
    changed: (row?.changed ?? []).map((c) => ({ type: c.type, customerIds: c.ids })),
    zoneChanged: row?.zoned ?? [],
  };
}

/**
 * Adds a batch's calls to the per-key counts of the API keys page (so that page never counts
 * tracking_events). Run last in the batch's transaction: every batch updates the same row per key,
 * and its lock is then held only while the transaction commits.
 */
export async function recordKeyUsage(options: { tx: Prisma.TransactionClient; usage: KeyUsage[] }): Promise<void> {
  const { tx, usage } = options;
  if (!usage.length) return;
  await tx.$executeRaw`
    INSERT INTO api_key_usage (api_key_id, events, last_received_at)
    SELECT * FROM unnest(${usage.map((u) => u.apiKeyId)}::text[], ${usage.map((u) => u.events)}::bigint[], ${usage.map((u) => u.lastReceivedAt)}::timestamptz[])
    ORDER BY 1
    ON CONFLICT (api_key_id) DO UPDATE SET events = api_key_usage.events + excluded.events,
      last_received_at = greatest(api_key_usage.last_received_at, excluded.last_received_at)`;
}
