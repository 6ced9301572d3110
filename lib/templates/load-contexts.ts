import { buildUnsubscribe, type UnsubscribeLink } from "../consent/build-unsubscribe";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { getSettings, referenceNow, type Settings } from "../settings/get-settings";
import { loadTopProducts, type TopProduct } from "./load-top-products";

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
    country: string | null;
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
  };
  top_products: TopProduct[];
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

type DateKey = "first_seen_at" | "last_seen_at" | "first_purchase_at" | "last_purchase_at";

/** The SQL row: the context's customer before dates become ISO strings and arrays default to []. */
type Row = Omit<PersonalizationContext["customer"], DateKey | "full_name" | "attributes" | "segments" | "orders"> & {
  [K in DateKey]: Date | null;
} & {
  attributes: unknown;
  segments: string[] | null;
  orders: (Omit<OrderContext, "lines"> & { lines: OrderContext["lines"] | null })[] | null;
};

/**
 * The personalization contexts of a batch of customers, in the order of `customerIds` (unknown ids
 * are left out): one SQL query for profiles, features, segment names, favourite category and
 * recent orders with lines; best sellers per category from a per-process cache. Call it with
 * batches of about a thousand ids.
 */
export async function loadContexts(options: { customerIds: number[]; settings?: Settings; baseUrl?: string }): Promise<Recipient[]> {
  if (options.customerIds.length === 0) return [];
  const settings = options.settings ?? (await getSettings());
  const [rows, topProducts] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.country, c.city, c.attributes,
        c.first_seen_at, c.last_seen_at, f.rfm_segment, f.rfm_code, f.r_score::int AS r_score, f.f_score::int AS f_score,
        f.m_score::int AS m_score, f.recency_days, coalesce(f.frequency, 0) AS frequency, coalesce(f.monetary, 0)::float8 AS monetary,
        f.avg_order_value::float8 AS avg_order_value, f.first_purchase_at, f.last_purchase_at, f.tenure_days,
        coalesce(f.opens_30, 0) AS opens_30, coalesce(f.clicks_30, 0) AS clicks_30,
        (SELECT array_agg(s.name ORDER BY s.name) FROM segment_members sm JOIN segments s ON s.id = sm.segment_id
          WHERE sm.customer_id = c.id) AS segments,
        (SELECT p.category FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
          WHERE o.customer_id = c.id AND o.kind = 'purchase' AND p.category IS NOT NULL
          GROUP BY p.category ORDER BY sum(l.quantity) DESC, p.category LIMIT 1) AS favourite_category,
        (SELECT json_agg(json_build_object('number', o.order_number, 'placed_at', o.placed_at, 'total', o.total,
            'currency', o.currency, 'item_count', (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id),
            'lines', (SELECT json_agg(json_build_object('sku', l.sku, 'description', l.description, 'quantity', l.quantity,
                        'unit_price', l.unit_price, 'line_total', l.line_total) ORDER BY l.position)
                      FROM (SELECT * FROM order_lines l WHERE l.order_id = o.id ORDER BY l.position LIMIT 5) l))
            ORDER BY o.placed_at DESC)
          FROM (SELECT * FROM orders o WHERE o.customer_id = c.id AND o.kind = 'purchase' ORDER BY o.placed_at DESC LIMIT 3) o) AS orders
      FROM customers c LEFT JOIN customer_features f ON f.customer_id = c.id
      WHERE c.id = ANY(${Prisma.sql`${options.customerIds}::int[]`})`,
    loadTopProducts(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const organisation = { name: settings.organisationName, postal_address: settings.postalAddress };
  const today = referenceNow(settings).toISOString();
  const recipients: Recipient[] = [];
  for (const id of options.customerIds) {
    const row = byId.get(id);
    if (!row) continue;
    const unsubscribe = buildUnsubscribe({ customerId: id, baseUrl: options.baseUrl });
    recipients.push({
      customerId: id,
      email: row.email,
      unsubscribe,
      context: toContext(row, topProducts.forCategory(row.favourite_category), organisation, unsubscribe.url, today),
    });
  }
  return recipients;
}

function toContext(row: Row, topProducts: TopProduct[], organisation: PersonalizationContext["organisation"], unsubscribeUrl: string, today: string): PersonalizationContext {
  const fullName = [row.first_name, row.last_name].filter((s) => s && s.trim()).join(" ");
  return {
    customer: {
      id: row.id,
      email: row.email,
      first_name: row.first_name,
      last_name: row.last_name,
      full_name: fullName || null,
      phone: row.phone,
      country: row.country,
      city: row.city,
      attributes: row.attributes && typeof row.attributes === "object" && !Array.isArray(row.attributes) ? (row.attributes as Record<string, unknown>) : {},
      first_seen_at: iso(row.first_seen_at),
      last_seen_at: iso(row.last_seen_at),
      rfm_segment: row.rfm_segment,
      rfm_code: row.rfm_code,
      r_score: row.r_score,
      f_score: row.f_score,
      m_score: row.m_score,
      recency_days: row.recency_days,
      frequency: row.frequency,
      monetary: row.monetary,
      avg_order_value: row.avg_order_value,
      first_purchase_at: iso(row.first_purchase_at),
      last_purchase_at: iso(row.last_purchase_at),
      tenure_days: row.tenure_days,
      opens_30: row.opens_30,
      clicks_30: row.clicks_30,
      segments: row.segments ?? [],
      favourite_category: row.favourite_category,
      orders: (row.orders ?? []).map((o) => ({
        number: o.number,
        placed_at: new Date(o.placed_at).toISOString(),
        total: Number(o.total),
        currency: o.currency,
        item_count: Number(o.item_count),
        lines: (o.lines ?? []).map((l) => ({ ...l, unit_price: Number(l.unit_price), line_total: Number(l.line_total) })),
      })),
    },
    top_products: topProducts,
    organisation,
    unsubscribe_url: unsubscribeUrl,
    today,
  };
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
