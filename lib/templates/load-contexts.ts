import { buildUnsubscribe, type UnsubscribeLink } from "../consent/build-unsubscribe";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { getSettings, referenceNow, type Settings } from "../settings/get-settings";
import { loadRecommendations, type RecommendedProduct } from "../scoring/recommended-products";
import { loadTopProducts, type TopProduct } from "./load-top-products";
import { countryCode, countryName } from "../customers/countries";
import { ALL_CONTEXT, usesCustomerKey, type ContextUses } from "./context-uses";

export interface OrderContext {
  number: string;
  placed_at: string;
  total: number;
  currency: string;
  item_count: number;
  lines: { sku: string; description: string; quantity: number; unit_price: number; line_total: number }[];
}

/** What a template sees (see context-schema.ts): plain JSON, dates as ISO strings. */
export interface PersonalizationContext {
  customer: {
    id: number;
    email: string | null;
    first_name: string | null;
    last_name: string | null;
    full_name: string | null;
    phone: string | null;
    /** The country's name ("United Kingdom"); `country_code` holds its ISO 3166 code ("GB"). */
    country: string | null;
    country_code: string | null;
    city: string | null;
    attributes: Record<string, unknown>;
    first_seen_at: string | null;
    last_seen_at: string | null;
    rfm_segment: string | null;
    rfm_code: string | null;
    r_score: number | null;
    f_score: number | null;
    m_score: number | null;
    recency_days: number | null;
    frequency: number;
    monetary: number;
    avg_order_value: number | null;
    first_purchase_at: string | null;
    last_purchase_at: string | null;
    tenure_days: number | null;
    opens_30: number;
    clicks_30: number;
    segments: string[];
    favourite_category: string | null;
    orders: OrderContext[];
    /** Predictive scores of the latest trained models (null: not scored). */
    clv: number | null;
    churn_probability: number | null;
    probability_alive: number | null;
    expected_purchases: number | null;
    /** Purchase propensity for any product (null: no such model, or not scored). */
    propensity: number | null;
    /** Purchase propensity by category, for each category with a trained model that scored the customer. */
    propensities: Record<string, number>;
    /** Recommended products, best first (the most popular ones for a customer without history). */
    recommendations: RecommendedProduct[];
  };
  top_products: TopProduct[];
  /** The triggering event of a flow's email (flows fill it; empty elsewhere). */
  event: { type: string | null; properties: { products: unknown[] } };
  organisation: { name: string; postal_address: string };
  unsubscribe_url: string;
  today: string;
}

export interface Recipient {
  customerId: number;
  email: string | null;
  context: PersonalizationContext;
  unsubscribe: UnsubscribeLink;
}

/** An ISO-8601 UTC timestamp ("2026-02-20T23:30:00.000Z") in SQL, as Date.toISOString() writes it. */
const iso = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const FEATURE_KEYS = [
  "rfm_segment",
  "rfm_code",
  "r_score",
  "f_score",
  "m_score",
  "recency_days",
  "frequency",
  "monetary",
  "avg_order_value",
  "first_purchase_at",
  "last_purchase_at",
  "tenure_days",
  "opens_30",
  "clicks_30",
];
const SCORE_KEYS = ["clv", "churn_probability", "probability_alive", "expected_purchases"];

/**
 * The SQL of each part of `customer` that costs something to read (a join or subqueries per
 * customer), by the keys it fills; the profile's own columns are always read.
 */
function customerParts(uses: ContextUses): Prisma.Sql[] {
  const wants = (key: string) => usesCustomerKey(uses, key);
  const parts: Prisma.Sql[] = [];
  if (wants("attributes"))
    parts.push(Prisma.sql`'attributes', CASE WHEN jsonb_typeof(c.attributes) = 'object' THEN c.attributes ELSE '{}'::jsonb END`);
  if (FEATURE_KEYS.some(wants))
    parts.push(Prisma.sql`'rfm_segment', f.rfm_segment, 'rfm_code', f.rfm_code, 'r_score', f.r_score, 'f_score', f.f_score, 'm_score', f.m_score,
        'recency_days', f.recency_days, 'frequency', coalesce(f.frequency, 0), 'monetary', coalesce(f.monetary, 0),
        'avg_order_value', f.avg_order_value, 'first_purchase_at', ${iso("f.first_purchase_at")},
        'last_purchase_at', ${iso("f.last_purchase_at")}, 'tenure_days', f.tenure_days,
        'opens_30', coalesce(f.opens_30, 0), 'clicks_30', coalesce(f.clicks_30, 0)`);
  if (SCORE_KEYS.some(wants))
    parts.push(Prisma.sql`'clv', sc.clv, 'churn_probability', sc.churn_probability, 'probability_alive', sc.probability_alive,
        'expected_purchases', sc.expected_purchases`);
  if (wants("propensity"))
    parts.push(
      Prisma.sql`'propensity', (SELECT cp.probability FROM customer_propensities cp WHERE cp.customer_id = c.id AND cp.category = '')`,
    );
  if (wants("propensities"))
    parts.push(Prisma.sql`'propensities', coalesce((SELECT json_object_agg(cp.category, cp.probability) FROM customer_propensities cp
          WHERE cp.customer_id = c.id AND cp.category <> ''), '{}')`);
  if (wants("segments"))
    parts.push(Prisma.sql`'segments', coalesce((SELECT json_agg(s.name ORDER BY s.name) FROM segment_members sm JOIN segments s ON s.id = sm.segment_id
          WHERE sm.customer_id = c.id), '[]')`);
  // The best sellers a template shows are those of the customer's favourite category.
  if (wants("favourite_category") || uses.topProducts)
    parts.push(Prisma.sql`'favourite_category', (SELECT p.category FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
          WHERE o.customer_id = c.id AND o.kind = 'purchase' AND p.category IS NOT NULL
          GROUP BY p.category ORDER BY sum(l.quantity) DESC, p.category LIMIT 1)`);
  if (wants("orders"))
    parts.push(Prisma.sql`'orders', coalesce((SELECT json_agg(json_build_object('number', o.order_number, 'placed_at', ${iso("o.placed_at")}, 'total', o.total,
            'currency', o.currency, 'item_count', (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id),
            'lines', coalesce((SELECT json_agg(json_build_object('sku', l.sku, 'description', l.description, 'quantity', l.quantity,
                        'unit_price', l.unit_price, 'line_total', l.line_total) ORDER BY l.position)
                      FROM (SELECT * FROM order_lines l WHERE l.order_id = o.id ORDER BY l.position LIMIT 5) l), '[]'))
            ORDER BY o.placed_at DESC)
          FROM (SELECT * FROM orders o WHERE o.customer_id = c.id AND o.kind = 'purchase' ORDER BY o.placed_at DESC LIMIT 3) o), '[]')`);
  return parts;
}

/**
 * The personalization contexts of a batch of customers, in the order of `customerIds` (unknown ids
 * are left out): one SQL query for profiles, features, segment names, favourite category and
 * recent orders with lines; best sellers per category from a per-process cache. Call it with
 * batches of about a thousand ids. `uses` (a compiled template's) limits what is read to what the
 * template can show; parts it cannot name are left out of `customer`.
 */
export async function loadContexts(options: {
  customerIds: number[];
  settings?: Settings;
  baseUrl?: string;
  uses?: ContextUses;
}): Promise<Recipient[]> {
  if (options.customerIds.length === 0) return [];
  const settings = options.settings ?? (await getSettings());
  const uses = options.uses ?? ALL_CONTEXT;
  // The ids as one text parameter: Prisma's query compiler handles a 1,000-element array parameter
  // element by element (~9 ms a batch), a string at once.
  const idList = options.customerIds.map((id) => Math.trunc(id)).join(",");
  const parts = customerParts(uses);
  const joinFeatures = FEATURE_KEYS.some((k) => usesCustomerKey(uses, k))
    ? Prisma.sql`LEFT JOIN customer_features f ON f.customer_id = c.id`
    : Prisma.empty;
  const joinScores = SCORE_KEYS.some((k) => usesCustomerKey(uses, k))
    ? Prisma.sql`LEFT JOIN customer_scores sc ON sc.customer_id = c.id`
    : Prisma.empty;
  // Postgres builds each customer's part of the context as one JSON document: one JSON.parse per
  // customer in Node instead of a conversion per column.
  const [rows, topProducts, recommendations] = await Promise.all([
    db.$queryRaw<{ id: number; customer: string }[]>`
      SELECT c.id, json_build_object(
        'id', c.id, 'email', c.email, 'first_name', c.first_name, 'last_name', c.last_name,
        'full_name', nullif(concat_ws(' ', nullif(btrim(c.first_name), ''), nullif(btrim(c.last_name), '')), ''),
        'phone', c.phone, 'country', c.country, 'country_code', c.country, 'city', c.city,
        'first_seen_at', ${iso("c.first_seen_at")}, 'last_seen_at', ${iso("c.last_seen_at")}
        ${parts.length > 0 ? Prisma.sql`, ${Prisma.join(parts, ", ")}` : Prisma.empty}
      )::text AS customer
      FROM customers c ${joinFeatures} ${joinScores}
      WHERE c.id = ANY(string_to_array(${idList}, ',')::int[])`,
    uses.topProducts ? loadTopProducts() : null,
    usesCustomerKey(uses, "recommendations") ? loadRecommendations(options.customerIds) : null,
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const organisation = { name: settings.organisationName, postal_address: settings.postalAddress };
  const today = referenceNow(settings).toISOString();
  const recipients: Recipient[] = [];
  for (const id of options.customerIds) {
    const row = byId.get(id);
    if (!row) continue;
    const customer = JSON.parse(row.customer) as PersonalizationContext["customer"];
    // Stored as a code ("GB"): templates get the name, and the code beside it (a value that is no country: as written, no code).
    if (customer.country_code) {
      customer.country = countryName(customer.country_code);
      customer.country_code = countryCode(customer.country_code);
    }
    if (recommendations) customer.recommendations = recommendations.get(id)?.products ?? [];
    const unsubscribe = buildUnsubscribe({ customerId: id, baseUrl: options.baseUrl });
    recipients.push({
      customerId: id,
      email: customer.email,
      unsubscribe,
      context: {
        customer,
        top_products: topProducts ? topProducts.forCategory(customer.favourite_category) : [],
        event: { type: null, properties: { products: [] } },
        organisation,
        unsubscribe_url: unsubscribe.url,
        today,
      },
    });
  }
  return recipients;
}
