import { type Calendar, discountAt, sampleMoment } from "./calendar";
import { type Catalogue, pickProduct } from "./catalogue";
import type { DemoLine, DemoOrder, IdCounters } from "./demo-types";
import { cumulate, type Rng } from "./prng";

const YEAR_MS = 365.25 * 86_400_000;
const LINE_COUNT = cumulate([45, 27, 15, 9, 4]); // 1–5 lines
const QUANTITY = cumulate([78, 14, 5, 2, 1]); // 1–5 of an item
/** Buying rate of repeat customers (orders a year): lognormal, so a few whales. */
const RATE_MU = 2.0;
const RATE_SIGMA = 1.2;
const MAX_ORDERS = 1500;
const CANCELLATION_RATE = 0.025;

export interface OrderContext {
  rng: Rng;
  calendar: Calendar;
  catalogue: Catalogue;
  favouriteCategory: number;
  /** When the customer was first seen; orders come after. */
  firstSeenAt: number;
  /** When the customer stops buying (churn), at most the window's end. */
  activeUntil: number;
  ids: IdCounters;
}

/** How many purchases: some never buy, many buy once, the rest at a heavy-tailed rate while active. */
function purchaseCount(rng: Rng, activeYears: number): number {
  const r = rng.next();
  if (r < 0.06) return 0;
  if (r < 0.42) return 1;
  return Math.min(MAX_ORDERS, 2 + rng.poisson(rng.logNormal(RATE_MU, RATE_SIGMA) * activeYears));
}

function purchaseLines(ctx: OrderContext, placedAt: number): DemoLine[] {
  const { rng, catalogue } = ctx;
  const discount = discountAt(ctx.calendar, placedAt);
  const count = rng.weighted(LINE_COUNT) + 1;
  const lines: DemoLine[] = [];
  const seen = new Set<number>();
  for (let attempt = 0; lines.length < count && attempt < count * 3; attempt += 1) {
    const product = pickProduct(rng, catalogue, ctx.favouriteCategory);
    if (seen.has(product.id)) continue;
    seen.add(product.id);
    const quantity = rng.weighted(QUANTITY) + 1;
    const off = discount > 0 && rng.chance(0.7) ? discount : 0;
    const unitPricePence = Math.round((product.pricePence * (100 - off)) / 100);
    const position = lines.length + 1;
    lines.push({
      id: 0,
      position,
      productId: product.id,
      sku: product.sku,
      description: product.name,
      quantity,
      unitPricePence,
      lineTotalPence: unitPricePence * quantity,
    });
  }
  return lines;
}

function cancellationOf(rng: Rng, purchase: DemoOrder, placedAt: number): DemoOrder {
  const all = rng.chance(0.7);
  let kept = purchase.lines.filter(() => all || rng.chance(0.5));
  if (kept.length === 0) kept = purchase.lines.slice(0, 1);
  const lines = kept.map((l, i) => ({ ...l, id: 0, position: i + 1, quantity: -l.quantity, lineTotalPence: -l.lineTotalPence }));
  return { id: 0, orderNumber: "", kind: "cancellation", placedAt, totalPence: 0, lines, cancels: purchase };
}

/**
 * The customer's purchases and cancellations in the window, in time order, with ids and order
 * numbers. Activity before the window is simulated (for a realistic base) and then dropped.
 */
export function generateOrders(ctx: OrderContext): DemoOrder[] {
  const { rng, calendar, firstSeenAt, activeUntil } = ctx;
  const endMs = calendar.endMs;
  const first = firstSeenAt + (rng.chance(0.6) ? rng.int(300_000, 7_200_000) : Math.round(rng.exponential(12 * 86_400_000)));
  const count = purchaseCount(rng, Math.max(0, activeUntil - first) / YEAR_MS);
  if (count === 0 || first >= endMs) return [];
  const times = [first];
  const last = Math.min(endMs, Math.max(first + 7 * 86_400_000, activeUntil));
  for (let i = 1; i < count; i += 1) times.push(sampleMoment(rng, calendar, calendar.seasonal, first, last));
  times.sort((a, b) => a - b);

  const orders: DemoOrder[] = [];
  for (const placedAt of times) {
    const purchase: DemoOrder = {
      id: 0,
      orderNumber: "",
      kind: "purchase",
      placedAt,
      totalPence: 0,
      lines: purchaseLines(ctx, placedAt),
      cancels: null,
    };
    orders.push(purchase);
    if (rng.chance(CANCELLATION_RATE)) {
      const at = placedAt + 600_000 + Math.round(rng.exponential(1.5 * 86_400_000));
      if (at < endMs) orders.push(cancellationOf(rng, purchase, at));
    }
  }
  const inWindow = orders.filter((o) => (o.cancels ?? o).placedAt >= calendar.windowStartMs);
  inWindow.sort((a, b) => a.placedAt - b.placedAt);
  for (const order of inWindow) {
    order.id = ++ctx.ids.order;
    order.orderNumber = order.cancels ? `C${order.cancels.orderNumber}` : String(100_000 + order.id);
    for (const line of order.lines) {
      line.id = ++ctx.ids.line;
      order.totalPence += line.lineTotalPence;
    }
  }
  return inWindow;
}
