import { db } from "../db";
import { CART_EVENT_NAMES, cartProductsOf, type CartProduct, type EventContext } from "./cart-event";

/**
 * The customer's latest cart event as a flow would pass it (`event`), for the preview: its
 * `products[]`, or, when the event names one product (an "added to cart"), every product added in
 * the same session, quantities summed. Product names missing from the event come from the catalogue.
 * Null when the customer has no cart event.
 */
export async function loadCartEvent(options: { customerId: number }): Promise<EventContext | null> {
  const latest = await db.event.findFirst({
    where: { customerId: options.customerId, type: { in: [...CART_EVENT_NAMES] } },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { type: true, occurredAt: true, properties: true },
  });
  if (!latest) return null;
  const props = (latest.properties ?? {}) as Record<string, unknown>;
  let rows: unknown[] = [props];
  if (!Array.isArray(props.products) && typeof props.sessionId === "string") {
    const session = await db.event.findMany({
      where: {
        customerId: options.customerId,
        type: { in: [...CART_EVENT_NAMES] },
        properties: { path: ["sessionId"], equals: props.sessionId },
      },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      select: { properties: true },
      take: 100,
    });
    rows = session.map((e) => e.properties).filter((p) => p && typeof p === "object" && "sku" in p);
  }
  const skus = [...new Set(rows.flatMap((r) => cartProductsOf(r).map((p) => p.sku)))].filter((s): s is string => !!s);
  const catalogue = skus.length ? await db.product.findMany({ where: { sku: { in: skus } }, select: { sku: true, name: true } }) : [];
  const names = new Map(catalogue.filter((p) => p.name).map((p) => [p.sku, p.name]));
  const merged = new Map<string, CartProduct>();
  for (const row of rows)
    for (const product of cartProductsOf(row, { names })) {
      const key = product.sku ?? product.name;
      const seen = merged.get(key);
      merged.set(key, seen && !Array.isArray(props.products) ? { ...seen, quantity: seen.quantity + product.quantity } : product);
    }
  return { type: latest.type, properties: { products: [...merged.values()] } };
}
