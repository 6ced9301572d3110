import { db } from "../db";

export const FEATURE_COLUMNS = `customer_id, as_of, recency_days, frequency, monetary, avg_order_value, first_purchase_at, last_purchase_at,
       tenure_days, categories, opens_30, opens_90, clicks_30, clicks_90, last_seen_at, updated_at`;

/** The SET list of an upsert of FEATURE_COLUMNS (all but the key). */
export const FEATURE_UPDATES = FEATURE_COLUMNS.split(",")
  .map((c) => c.trim())
  .filter((c) => c !== "customer_id")
  .map((c) => `${c} = excluded.${c}`)
  .join(", ");

/**
 * The feature rows (FEATURE_COLUMNS, in order) of the customers `target` selects (id, last_seen_at),
 * as of $1. Orders and events after $1 are ignored. The caller supplies the other parameters.
 * `everyone`: the target is every customer, so the aggregates need not be joined to it (each reads
 * its table once, and Postgres may split the scans over parallel workers).
 */
export function featureRowsSql(target: string, opts: { everyone?: boolean } = {}): string {
  const only = (alias: string): string => (opts.everyone ? "" : ` JOIN target t ON t.id = ${alias}.customer_id`);
  return `WITH target AS (${target}),
     o AS (
       SELECT o.customer_id,
              count(*) FILTER (WHERE o.kind = 'purchase')::int AS frequency,
              coalesce(sum(o.total) FILTER (WHERE o.kind IN ('purchase', 'cancellation')), 0) AS monetary,
              min(o.placed_at) FILTER (WHERE o.kind = 'purchase') AS first_purchase_at,
              max(o.placed_at) FILTER (WHERE o.kind = 'purchase') AS last_purchase_at
       FROM orders o${only("o")}
       WHERE o.placed_at <= $1
       GROUP BY o.customer_id
     ),
     cat AS (
       -- customer_categories (kept by triggers) holds each category's first purchase: the distinct
       -- categories bought by the reference date, without joining every order line to its product.
       SELECT cc.customer_id, count(*)::int AS categories
       FROM customer_categories cc${only("cc")}
       WHERE cc.first_purchased_at <= $1
       GROUP BY cc.customer_id
     ),
     e AS (
       SELECT e.customer_id,
              count(*) FILTER (WHERE e.type IN ('email_opened', 'Email Opened') AND e.occurred_at > $1::timestamptz - interval '30 days')::int AS opens_30,
              count(*) FILTER (WHERE e.type IN ('email_opened', 'Email Opened'))::int AS opens_90,
              count(*) FILTER (WHERE e.type IN ('email_clicked', 'Email Link Clicked') AND e.occurred_at > $1::timestamptz - interval '30 days')::int AS clicks_30,
              count(*) FILTER (WHERE e.type IN ('email_clicked', 'Email Link Clicked'))::int AS clicks_90
       FROM events e${only("e")}
       WHERE e.type IN ('email_opened', 'email_clicked', 'Email Opened', 'Email Link Clicked')
         AND e.occurred_at > $1::timestamptz - interval '90 days' AND e.occurred_at <= $1
       GROUP BY e.customer_id
     )
     SELECT t.id AS customer_id, $1::timestamptz AS as_of,
            floor(extract(epoch FROM ($1::timestamptz - o.last_purchase_at)) / 86400)::int AS recency_days,
            coalesce(o.frequency, 0) AS frequency,
            round(coalesce(o.monetary, 0), 2) AS monetary,
            CASE WHEN o.frequency > 0 THEN round(o.monetary / o.frequency, 2) END AS avg_order_value,
            o.first_purchase_at, o.last_purchase_at,
            floor(extract(epoch FROM ($1::timestamptz - o.first_purchase_at)) / 86400)::int AS tenure_days,
            coalesce(cat.categories, 0) AS categories,
            coalesce(e.opens_30, 0) AS opens_30, coalesce(e.opens_90, 0) AS opens_90,
            coalesce(e.clicks_30, 0) AS clicks_30, coalesce(e.clicks_90, 0) AS clicks_90,
            CASE WHEN t.last_seen_at <= $1 THEN t.last_seen_at END AS last_seen_at,
            now() AS updated_at
     FROM target t
     LEFT JOIN o ON o.customer_id = t.id
     LEFT JOIN cat ON cat.customer_id = t.id
     LEFT JOIN e ON e.customer_id = t.id
`;
}

/**
 * The feature rows of some customers (or of the id range [fromId, toId]) recomputed as of `asOf`,
 * in one set-based statement. RFM scores are left as they are: they depend on everyone and are set
 * by scoreRfm (or by the full rebuild).
 */
export async function refreshCustomerFeatures(opts: {
  asOf: Date;
  customerIds?: number[];
  fromId?: number;
  toId?: number;
}): Promise<number> {
  const target = `SELECT c.id, c.last_seen_at FROM customers c
       WHERE ($2::int[] IS NULL OR c.id = ANY($2::int[]))
         AND ($3::int IS NULL OR c.id >= $3::int) AND ($4::int IS NULL OR c.id <= $4::int)`;
  // JIT compilation of this plan (about 100 functions) costs more than running it.
  const [, written] = await db.$transaction([
    db.$executeRawUnsafe("SET LOCAL jit = off"),
    db.$executeRawUnsafe(
      `INSERT INTO customer_features AS cf (${FEATURE_COLUMNS})
       ${featureRowsSql(target)}
       ON CONFLICT (customer_id) DO UPDATE SET ${FEATURE_UPDATES}`,
      opts.asOf,
      opts.customerIds ?? null,
      opts.fromId ?? null,
      opts.toId ?? null,
    ),
  ]);
  return written;
}
