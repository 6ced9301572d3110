import { ByteSink } from "./byte-sink";
import type { DemoProduct } from "./catalogue";
import type { DemoCustomer } from "./generate-customer";
import { copyField as f, jsonb, money, timestamp } from "./pg-text";

/** The tables the demo fills, in the order they are written (parents before children). */
export const DEMO_TABLES = ["products", "customers", "identities", "orders", "order_lines", "events", "consent_records"] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

/** Every column is written explicitly (ids and timestamps included) so the data is reproducible. */
export const DEMO_COLUMNS: Record<DemoTable, readonly string[]> = {
  products: ["id", "sku", "name", "category", "price", "created_at"],
  customers: [
    "id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "country",
    "city",
    "attributes",
    "first_seen_at",
    "last_seen_at",
    "created_at",
    "updated_at",
  ],
  identities: ["id", "customer_id", "type", "source", "value", "created_at"],
  orders: ["id", "source", "order_number", "customer_id", "kind", "placed_at", "country", "currency", "total", "created_at"],
  order_lines: ["id", "order_id", "position", "product_id", "sku", "description", "quantity", "unit_price", "line_total", "placed_at"],
  events: ["id", "customer_id", "type", "occurred_at", "received_at", "properties", "source", "message_id"],
  consent_records: ["id", "customer_id", "purpose", "status", "source", "occurred_at", "proof", "recorded_by_id", "created_at"],
};

/** Source of the demo's orders, events and external ids. */
export const DEMO_SOURCE = "demo";
export const DEMO_CURRENCY = "GBP";

/** COPY text of one table (rows in text format, each ending in \n, UTF-8) and how many rows. */
export interface TableText {
  text: ByteSink;
  rows: number;
}
export type ChunkTables = Record<DemoTable, TableText>;

const empty = (): TableText => ({ text: new ByteSink(), rows: 0 });
export const emptyChunkTables = (): ChunkTables => ({
  products: empty(),
  customers: empty(),
  identities: empty(),
  orders: empty(),
  order_lines: empty(),
  events: empty(),
  consent_records: empty(),
});

export function encodeProduct(tables: ChunkTables, p: DemoProduct, createdAt: number): void {
  tables.products.text.write(`${p.id}\t${f(p.sku)}\t${f(p.name)}\t${f(p.category)}\t${money(p.pricePence)}\t${timestamp(createdAt)}\n`);
  tables.products.rows += 1;
}

/** Appends the customer's rows to every table's text. */
export function encodeCustomer(t: ChunkTables, c: DemoCustomer): void {
  const p = c.profile;
  const [first, last, country] = [timestamp(c.firstSeenAt), timestamp(c.lastSeenAt), p.country.code];
  t.customers.text.write(
    `${c.id}\t${f(p.email)}\t${f(p.firstName)}\t${f(p.lastName)}\t${f(p.phone)}\t${country}\t${f(p.city)}\t${f(jsonb(c.attributes))}\t${first}\t${last}\t${first}\t${last}\n`,
  );
  t.customers.rows += 1;
  for (const i of c.identities)
    t.identities.text.write(`${i.id}\t${c.id}\t${i.type}\t${f(i.source)}\t${f(i.value)}\t${timestamp(i.createdAt)}\n`);
  t.identities.rows += c.identities.length;
  for (const o of c.orders) {
    const placed = timestamp(o.placedAt);
    t.orders.text.write(
      `${o.id}\t${DEMO_SOURCE}\t${f(o.orderNumber)}\t${c.id}\t${o.kind}\t${placed}\t${country}\t${DEMO_CURRENCY}\t${money(o.totalPence)}\t${placed}\n`,
    );
    for (const l of o.lines) {
      t.order_lines.text.write(
        `${l.id}\t${o.id}\t${l.position}\t${l.productId}\t${f(l.sku)}\t${f(l.description)}\t${l.quantity}\t${money(l.unitPricePence)}\t${money(l.lineTotalPence)}\t${placed}\n`,
      );
    }
    t.order_lines.rows += o.lines.length;
  }
  t.orders.rows += c.orders.length;
  for (const e of c.events) {
    const at = timestamp(e.occurredAt);
    t.events.text.write(`${e.id}\t${c.id}\t${e.type}\t${at}\t${at}\t${f(jsonb(e.properties))}\t${DEMO_SOURCE}\t\\N\n`);
  }
  t.events.rows += c.events.length;
  for (const r of c.consents) {
    const at = timestamp(r.occurredAt);
    t.consent_records.text.write(`${r.id}\t${c.id}\temail_marketing\t${r.status}\t${r.source}\t${at}\t${f(jsonb(r.proof))}\t\\N\t${at}\n`);
  }
  t.consent_records.rows += c.consents.length;
}
