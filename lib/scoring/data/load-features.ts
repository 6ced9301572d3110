import type pg from "pg";
import type { FeatureMatrix } from "../models/dataset";
import { SqlParams } from "../../segments/sql-params";
import { endOfDaySql } from "./day-bounds";
import { personalizationAllowedSql } from "./personalization-allowed";

/** The features of the churn and propensity models, all computed from facts on or before the cutoff day. */
export const FEATURE_NAMES = [
  "recency_days",
  "frequency",
  "purchase_days",
  "monetary",
  "avg_order_value",
  "tenure_days",
  "orders_30",
  "orders_90",
  "orders_365",
  "revenue_90",
  "cancellations",
  "categories",
  "events_30",
  "events_90",
  "email_opens_90",
  "email_clicks_90",
  "product_views_90",
  "days_since_last_event",
] as const;

/** Recency or days since an event for someone who never had one: longer than any real history. */
const NEVER = 3650;

export interface CustomerFeatures {
  customerIds: Int32Array;
  x: FeatureMatrix;
  /** With a label window: 1 when the customer bought (in the category) within it. */
  bought?: Uint8Array;
}

/**
 * Each customer's features as of the end of `cutoff` (a local day): orders, categories and events
 * strictly before the next day's start count, nothing later does — the same query for training,
 * validation and scoring, so there is no leakage across the cutoff. `population`: "purchasers" (at
 * least one purchase by the cutoff: churn) or "active" (any order or event by the cutoff: propensity).
 * With `labelDays`, also whether each bought in the `labelDays` days after the cutoff (optionally in
 * `category`). Customers whose personalization consent is denied are left out.
 */
export async function loadFeatures(
  client: pg.ClientBase,
  opts: {
    cutoff: string;
    timeZone: string;
    population: "purchasers" | "active";
    labelDays?: number;
    category?: string;
    /** Only this customer (a profile's drivers): the same features, computed for one. */
    customerId?: number;
  },
): Promise<CustomerFeatures> {
  const p = new SqlParams();
  const day = p.add(opts.cutoff, "text");
  const tz = p.add(opts.timeZone, "text");
  const allowed = personalizationAllowedSql(p);
  const cut = `(SELECT cut FROM bounds)`;
  const labelled = opts.labelDays !== undefined;
  const labelEnd = labelled ? p.add(opts.labelDays, "int") : "";
  // Only the label reads the category: features (and scoring, which has no label) never do.
  const category = labelled && opts.category ? p.add(opts.category, "text") : "";
  const only = (column: string) => (opts.customerId === undefined ? "" : ` AND ${column} = ${p.add(opts.customerId, "int")}`);
  const sql = `WITH bounds AS (SELECT ${endOfDaySql(day, tz)} AS cut),
     o AS (
       SELECT o.customer_id,
              count(*) FILTER (WHERE o.kind = 'purchase') AS frequency,
              count(DISTINCT (o.placed_at AT TIME ZONE ${tz})::date) FILTER (WHERE o.kind = 'purchase') AS purchase_days,
              coalesce(sum(o.total) FILTER (WHERE o.kind IN ('purchase', 'cancellation')), 0)::float8 AS monetary,
              coalesce(sum(o.total) FILTER (WHERE o.kind = 'purchase'), 0)::float8 AS gross,
              count(*) FILTER (WHERE o.kind = 'cancellation') AS cancellations,
              min(o.placed_at) FILTER (WHERE o.kind = 'purchase') AS first_at,
              max(o.placed_at) FILTER (WHERE o.kind = 'purchase') AS last_at,
              count(*) FILTER (WHERE o.kind = 'purchase' AND o.placed_at >= ${cut} - interval '30 days') AS orders_30,
              count(*) FILTER (WHERE o.kind = 'purchase' AND o.placed_at >= ${cut} - interval '90 days') AS orders_90,
              count(*) FILTER (WHERE o.kind = 'purchase' AND o.placed_at >= ${cut} - interval '365 days') AS orders_365,
              coalesce(sum(o.total) FILTER (WHERE o.kind = 'purchase' AND o.placed_at >= ${cut} - interval '90 days'), 0)::float8 AS revenue_90
       FROM orders o WHERE o.placed_at < ${cut}${only("o.customer_id")}
       GROUP BY o.customer_id
     ),
     cat AS (
       SELECT cc.customer_id, count(*) AS categories FROM customer_categories cc
       WHERE cc.first_purchased_at < ${cut}${only("cc.customer_id")} GROUP BY cc.customer_id
     ),
     e AS (
       SELECT e.customer_id,
              count(*) FILTER (WHERE e.occurred_at >= ${cut} - interval '30 days') AS events_30,
              count(*) FILTER (WHERE e.occurred_at >= ${cut} - interval '90 days') AS events_90,
              count(*) FILTER (WHERE e.type = 'email_opened' AND e.occurred_at >= ${cut} - interval '90 days') AS opens_90,
              count(*) FILTER (WHERE e.type = 'email_clicked' AND e.occurred_at >= ${cut} - interval '90 days') AS clicks_90,
              count(*) FILTER (WHERE e.type = 'product_viewed' AND e.occurred_at >= ${cut} - interval '90 days') AS views_90,
              max(e.occurred_at) AS last_event_at
       FROM events e
       WHERE e.customer_id IS NOT NULL AND e.occurred_at < ${cut} AND e.occurred_at >= ${cut} - interval '365 days'${only("e.customer_id")}
       GROUP BY e.customer_id
     )${
       labelled
         ? `,
     l AS (
       SELECT DISTINCT o.customer_id FROM orders o
       ${category ? "JOIN order_lines ol ON ol.order_id = o.id JOIN products pr ON pr.id = ol.product_id AND pr.category = " + category : ""}
       WHERE o.kind = 'purchase' AND o.placed_at >= ${cut} AND o.placed_at < ${cut} + make_interval(days => ${labelEnd})
     )`
         : ""
     }
     SELECT c.id,
            coalesce(extract(epoch FROM ${cut} - o.last_at) / 86400, ${NEVER})::float8,
            coalesce(o.frequency, 0)::float8, coalesce(o.purchase_days, 0)::float8, coalesce(o.monetary, 0),
            CASE WHEN o.frequency > 0 THEN o.gross / o.frequency ELSE 0 END::float8,
            coalesce(extract(epoch FROM ${cut} - o.first_at) / 86400, 0)::float8,
            coalesce(o.orders_30, 0)::float8, coalesce(o.orders_90, 0)::float8, coalesce(o.orders_365, 0)::float8,
            coalesce(o.revenue_90, 0), coalesce(o.cancellations, 0)::float8, coalesce(cat.categories, 0)::float8,
            coalesce(e.events_30, 0)::float8, coalesce(e.events_90, 0)::float8, coalesce(e.opens_90, 0)::float8,
            coalesce(e.clicks_90, 0)::float8, coalesce(e.views_90, 0)::float8,
            coalesce(extract(epoch FROM ${cut} - e.last_event_at) / 86400, ${NEVER})::float8
            ${labelled ? ", (l.customer_id IS NOT NULL)" : ""}
     FROM customers c
     ${opts.population === "purchasers" ? "JOIN o ON o.customer_id = c.id AND o.frequency > 0" : "LEFT JOIN o ON o.customer_id = c.id"}
     LEFT JOIN cat ON cat.customer_id = c.id
     LEFT JOIN e ON e.customer_id = c.id
     ${labelled ? "LEFT JOIN l ON l.customer_id = c.id" : ""}
     WHERE ${opts.population === "active" ? "(o.customer_id IS NOT NULL OR e.customer_id IS NOT NULL) AND " : ""}${allowed}${only("c.id")}
     ORDER BY c.id`;
  const result = await client.query<unknown[]>({ text: sql, values: p.values, rowMode: "array" });
  const rows = result.rows.length;
  const cols = FEATURE_NAMES.length;
  const customerIds = new Int32Array(rows);
  const values = new Float64Array(rows * cols);
  const bought = labelled ? new Uint8Array(rows) : undefined;
  for (let i = 0; i < rows; i++) {
    const row = result.rows[i]!;
    customerIds[i] = row[0] as number;
    for (let j = 0; j < cols; j++) values[i * cols + j] = Number(row[j + 1]);
    if (bought) bought[i] = row[cols + 1] ? 1 : 0;
  }
  return { customerIds, x: { rows, cols, values, names: FEATURE_NAMES }, bought };
}
