import { type Calendar, sampleMoment } from "./calendar";
import { type Catalogue, type DemoProduct, pickProduct } from "./catalogue";
import type { DemoEvent, DemoEventType, DemoOrder } from "./demo-types";
import { type JsonObject, moneyNumber } from "./pg-text";
import type { Rng } from "./prng";

/** Share of purchases made in a browser session the tracker saw (consent, ad blockers …). */
const TRACKED_ORDERS = 0.25;
const REFERRERS = ["https://www.google.com/", "https://www.instagram.com/", "https://www.pinterest.com/", null, null];

export interface WebContext {
  rng: Rng;
  calendar: Calendar;
  catalogue: Catalogue;
  favouriteCategory: number;
  customerId: number;
  firstSeenAt: number;
  /** Browsing stops some weeks after the customer stops buying. */
  activeUntil: number;
}

const event = (type: DemoEventType, occurredAt: number, properties: JsonObject): DemoEvent => ({ id: 0, type, occurredAt, properties });
const categoryPath = (p: DemoProduct): string => `/collections/${p.category.toLowerCase().replace(/[^a-z]+/g, "-")}`;
const productProps = (p: DemoProduct, sessionId: string): JsonObject => ({
  sku: p.sku,
  name: p.name,
  category: p.category,
  price: moneyNumber(p.pricePence),
  sessionId,
});

/** The session that ended in a purchase: landing, product pages, cart, checkout, completion. */
function purchaseSession(ctx: WebContext, order: DemoOrder, sessionId: string): DemoEvent[] {
  const { rng, catalogue } = ctx;
  const products = order.lines.map((l) => catalogue.products[l.productId - 1]).filter((p): p is DemoProduct => p !== undefined);
  const items = order.lines.reduce((n, l) => n + l.quantity, 0);
  const steps: [DemoEventType, JsonObject][] = [
    ["page_viewed", { path: products[0] ? categoryPath(products[0]) : "/", referrer: rng.pick(REFERRERS), sessionId }],
  ];
  for (const p of products) steps.push(["product_viewed", productProps(p, sessionId)]);
  order.lines.forEach((l) =>
    steps.push(["added_to_cart", { sku: l.sku, quantity: l.quantity, price: moneyNumber(l.unitPricePence), sessionId }]),
  );
  steps.push(["checkout_started", { items, value: moneyNumber(order.totalPence), sessionId }]);
  const completed = { orderNumber: order.orderNumber, total: moneyNumber(order.totalPence), currency: "GBP", items, sessionId };
  const events = [event("order_completed", order.placedAt, completed)];
  let at = order.placedAt;
  for (let i = steps.length - 1; i >= 0; i -= 1) {
    at = Math.max(ctx.firstSeenAt, at - rng.int(15_000, 150_000));
    const [type, properties] = steps[i] ?? ["page_viewed", {}];
    events.push(event(type, at, properties));
  }
  return events.reverse();
}

/** A visit without a purchase: some product pages, sometimes an abandoned cart or checkout. */
function browseSession(ctx: WebContext, sessionId: string): DemoEvent[] {
  const { rng, calendar, catalogue } = ctx;
  const until = Math.min(calendar.endMs, ctx.activeUntil + 60 * 86_400_000);
  let at = sampleMoment(rng, calendar, calendar.seasonal, ctx.firstSeenAt, until);
  const viewed = Array.from({ length: rng.int(1, 3) }, () => pickProduct(rng, catalogue, ctx.favouriteCategory));
  const first = viewed[0];
  const events = [
    event("page_viewed", at, { path: first && rng.chance(0.6) ? categoryPath(first) : "/", referrer: rng.pick(REFERRERS), sessionId }),
  ];
  const step = (type: DemoEventType, properties: JsonObject): void => {
    at += rng.int(10_000, 180_000);
    if (at < calendar.endMs) events.push(event(type, at, properties));
  };
  for (const p of viewed) step("product_viewed", productProps(p, sessionId));
  const carted = viewed[viewed.length - 1];
  if (carted && rng.chance(0.3)) {
    step("added_to_cart", { sku: carted.sku, quantity: 1, price: moneyNumber(carted.pricePence), sessionId });
    if (rng.chance(0.35)) step("checkout_started", { items: 1, value: moneyNumber(carted.pricePence), sessionId });
  }
  return events;
}

/** Web events of one customer (from the first visit, the window's start not applied), unsorted, without ids. */
export function generateWebEvents(ctx: WebContext, orders: readonly DemoOrder[]): DemoEvent[] {
  const { rng } = ctx;
  const events: DemoEvent[] = [];
  let sessions = 0;
  const nextSessionId = (): string => `${ctx.customerId.toString(36)}-${(sessions++).toString(36)}`;
  let purchases = 0;
  for (const order of orders) {
    if (order.kind !== "purchase") continue;
    purchases += 1;
    if (rng.chance(TRACKED_ORDERS)) events.push(...purchaseSession(ctx, order, nextSessionId()));
  }
  const browses = Math.min(80, rng.poisson(0.5 + 0.15 * purchases));
  for (let i = 0; i < browses; i += 1) events.push(...browseSession(ctx, nextSessionId()));
  return events;
}
