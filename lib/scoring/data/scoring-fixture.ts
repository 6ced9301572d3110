import { db } from "../../db";

export const CUTOFF = "2024-06-30";
/** The customer who denied personalization. */
export const DENIED = 5;

/**
 * 300 customers buying through 2024 at customer-specific rhythms, with product lines, email and
 * product-view events; two orders sit on either side of the cutoff's last instant (UTC).
 */
export async function seedScoringData(): Promise<void> {
  await db.$executeRawUnsafe("TRUNCATE customers, orders, products, events, consent_records RESTART IDENTITY CASCADE");
  await db.setting.upsert({ where: { id: 1 }, create: { id: 1, timeZone: "UTC" }, update: { timeZone: "UTC", referenceDate: null } });
  await db.$executeRawUnsafe(`INSERT INTO customers (id) SELECT g FROM generate_series(1, 300) g`);
  await db.$executeRawUnsafe(
    `INSERT INTO products (id, sku, name, category, price) SELECT g, 'SKU' || g, 'Product ' || g, 'cat' || (g % 4), 10 + g FROM generate_series(1, 30) g`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO orders (source, order_number, customer_id, kind, placed_at, total)
     SELECT 'test', c || '-' || k, c, 'purchase', timestamptz '2024-01-03' + ((k * (5 + c % 37) + c) % 360) * interval '1 day' + (c % 24) * interval '1 hour', 10 + (c * k) % 90
     FROM generate_series(1, 300) c, generate_series(1, 1 + c % 9) k`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO orders (source, order_number, customer_id, kind, placed_at, total) VALUES
     ('test', 'edge-in', 7, 'purchase', '2024-06-30T23:59:59.999Z', 50),
     ('test', 'edge-out', 8, 'purchase', '2024-07-01T00:00:00.000Z', 70),
     ('test', 'cancel', 9, 'cancellation', '2024-05-01T00:00:00Z', -5)`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO order_lines (order_id, position, product_id, sku, quantity, unit_price, line_total, placed_at)
     SELECT o.id, 1, 1 + (o.customer_id + length(o.order_number)) % 30, 'x', 1, o.total, o.total, o.placed_at FROM orders o WHERE o.kind = 'purchase'`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO events (customer_id, type, occurred_at, properties)
     SELECT c, (ARRAY['email_opened', 'email_clicked', 'product_viewed', 'page_viewed'])[1 + k % 4],
            timestamptz '2024-01-01' + ((k * 11 + c) % 365) * interval '1 day', jsonb_build_object('sku', 'SKU' || (1 + (c * k) % 30))
     FROM generate_series(1, 300) c, generate_series(1, c % 7) k`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO consent_records (customer_id, purpose, status, source, occurred_at) VALUES (${DENIED}, 'personalization', 'denied', 'admin', '2024-01-01')`,
  );
}
