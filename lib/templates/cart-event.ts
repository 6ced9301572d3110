/**
 * The preview's side of the flow emails' variable contract, `event.type` and
 * `event.properties.products[]` with name, price, quantity, url and image_url (Segment's
 * e-commerce spec; lib/flows/cart-products.ts fills it when a flow sends): the preview fills it from
 * the customer's latest cart event. Properties come from tracking calls: untrusted, so only these
 * fields of the expected types pass, strings are cut to a sane length, URLs must be http(s), and
 * templates escape every output.
 */
export interface CartProduct {
  /** Used to merge a session's items and name them from the catalogue. */
  sku: string | null;
  name: string;
  price: number | null;
  quantity: number;
  url: string | null;
  image_url: string | null;
}

export interface EventContext {
  type: string | null;
  properties: { products: CartProduct[] };
}

/** Events that stand for a cart (Segment's names and Tailor's demo names). */
export const CART_EVENT_NAMES = [
  "added_to_cart",
  "checkout_started",
  "cart_viewed",
  "Product Added",
  "Cart Viewed",
  "Checkout Started",
] as const;

const MAX_PRODUCTS = 20;

const text = (v: unknown, max = 200): string | null => {
  if (typeof v !== "string" && typeof v !== "number") return null;
  const s = String(v).trim();
  return s ? s.slice(0, max) : null;
};

const number = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** An http(s) URL as given, or null (javascript:, data: and anything unreadable are dropped). */
export function safeUrl(v: unknown): string | null {
  const s = text(v, 2000);
  if (!s) return null;
  try {
    const url = new URL(s);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** One product of an event's properties (a `products[]` element or a single-product event), or null without a name or sku. */
export function toCartProduct(raw: unknown, names: ReadonlyMap<string, string> = new Map()): CartProduct | null {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const p = raw as Record<string, unknown>;
  const sku = text(p.sku ?? p.product_id, 100);
  const name = text(p.name) ?? (sku ? (names.get(sku) ?? null) : null) ?? sku;
  if (!name) return null;
  const quantity = number(p.quantity);
  return {
    sku,
    name,
    price: number(p.price),
    quantity: quantity !== null && quantity > 0 ? Math.min(Math.round(quantity), 999) : 1,
    url: safeUrl(p.url),
    image_url: safeUrl(p.image_url),
  };
}

/** The products of a cart event: its `products[]`, or the event itself when it names one product. */
export function cartProductsOf(properties: unknown, names?: ReadonlyMap<string, string>): CartProduct[] {
  const props = properties && typeof properties === "object" ? (properties as Record<string, unknown>) : {};
  const list = Array.isArray(props.products) ? props.products : [props];
  return list
    .slice(0, MAX_PRODUCTS)
    .map((p) => toCartProduct(p, names))
    .filter((p): p is CartProduct => p !== null);
}
