import { db } from "../lib/db";
import type { RefData } from "../lib/segments/conditions/types";

/** Writes the differential test's data set into an empty database (parameterized inserts). Test support only. */
export async function insertFuzzData(data: RefData, segmentIds: string[]): Promise<void> {
  await db.$executeRawUnsafe(`TRUNCATE customers, products, segments RESTART IDENTITY CASCADE`);
  for (const sid of segmentIds) await db.$executeRawUnsafe(`INSERT INTO segments (id, name, rules) VALUES ($1, $1, '{}')`, sid);
  const skus = [...new Map(data.orders.flatMap((o) => o.lines).map((l) => [l.sku, l.category])).entries()];
  for (const [sku, category] of skus) await db.$executeRawUnsafe(`INSERT INTO products (sku, category) VALUES ($1, $2)`, sku, category);
  for (const c of data.customers) {
    await db.$executeRawUnsafe(
      `INSERT INTO customers (id, email, first_name, last_name, phone, country, city, first_seen_at, last_seen_at, created_at, attributes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)`,
      c.id,
      c.email,
      c.firstName,
      c.lastName,
      c.phone,
      c.country,
      c.city,
      c.firstSeenAt,
      c.lastSeenAt,
      c.createdAt,
      JSON.stringify(c.attributes),
    );
  }
  for (const e of data.events) {
    await db.$executeRawUnsafe(
      `INSERT INTO events (id, customer_id, type, occurred_at, properties) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      e.id,
      e.customerId,
      e.type,
      e.occurredAt,
      JSON.stringify(e.properties),
    );
  }
  for (const o of data.orders) {
    await db.$executeRawUnsafe(
      `INSERT INTO orders (id, source, order_number, customer_id, kind, placed_at, total) VALUES ($1, 'fuzz', $6, $2, $3::"OrderKind", $4, $5)`,
      o.id,
      o.customerId,
      o.kind,
      o.placedAt,
      o.total,
      String(o.id),
    );
    let position = 1;
    for (const l of o.lines) {
      await db.$executeRawUnsafe(
        `INSERT INTO order_lines (order_id, position, product_id, sku, quantity, unit_price, line_total, placed_at)
         VALUES ($1, $2, (SELECT id FROM products WHERE sku = $3), $3, 1, $4, $4, $5)`,
        o.id,
        position++,
        l.sku,
        l.lineTotal,
        o.placedAt,
      );
    }
  }
  for (const [customerId, f] of data.features) {
    await db.$executeRawUnsafe(
      `INSERT INTO customer_features (customer_id, as_of, frequency, monetary, categories, opens_30, last_purchase_at, first_purchase_at, r_score, f_score, m_score, rfm_code, rfm_segment)
       VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      customerId,
      f.frequency,
      f.monetary,
      f.categories,
      f.opens_30,
      f.last_purchase_at,
      f.first_purchase_at,
      f.r_score,
      f.f_score,
      f.m_score,
      f.rfm_code,
      f.rfm_segment,
    );
  }
  for (const r of data.consents) {
    await db.$executeRawUnsafe(
      `INSERT INTO consent_records (id, customer_id, purpose, status, source, occurred_at) VALUES ($1, $2, $3, $4::"ConsentStatus", 'import', $5)`,
      r.id,
      r.customerId,
      r.purpose,
      r.status,
      r.occurredAt,
    );
  }
  for (const [sid, members] of data.members) {
    for (const customerId of members)
      await db.$executeRawUnsafe(`INSERT INTO segment_members (segment_id, customer_id) VALUES ($1, $2)`, sid, customerId);
  }
}
