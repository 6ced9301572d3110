/**
 * The emails' cart contract, `event.type` and `event.properties.products[]` with name, price,
 * quantity, url and image_url (Segment's e-commerce spec): flows fill it from the triggering event
 * when they send, the preview from the customer's latest cart event, both through `cartProductsOf`.
 * Properties come from tracking calls: untrusted, so only these fields of the expected types pass,
 * strings lose control characters and are cut to a sane length, URLs must be http(s) without
 * credentials (and, for a flow's email, point to the shop's own hosts), and templates escape every
 * output.
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
  const s = String(v)
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .trim();
  return s ? s.slice(0, max) : null;
};

const number = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/**
 * An http(s) URL as given, or null: javascript:, data:, credentials and anything unreadable are
 * dropped, and so is a host outside `allowedHosts` (or below one of them) when that list is given.
 */
export function safeUrl(v: unknown, allowedHosts?: readonly string[]): string | null {
  if (typeof v !== "string" || v.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(v.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  if (allowedHosts && !allowedHosts.some((h) => host === h || host.endsWith(`.${h}`))) return null;
  return url.href;
}

/** The shop's own hosts, where a flow email's product links and images may point: the sender address's domain and the installation's host. */
export function allowedLinkHosts(opts: { senderEmail: string; installationUrl: string }): string[] {
  const hosts = new Set<string>();
  const domain = /@([^>\s]+)>?\s*$/.exec(opts.senderEmail)?.[1]?.toLowerCase();
  if (domain && domain.includes(".")) hosts.add(domain);
  try {
    hosts.add(new URL(opts.installationUrl).hostname.toLowerCase());
  } catch {
    // no installation URL: the sender's domain alone
  }
  return [...hosts];
}

export interface CartProductOptions {
  /** Product names by sku (the catalogue), for items that carry only a sku. */
  names?: ReadonlyMap<string, string>;
  /** When given, links and images must point to one of these hosts (or below one). */
  allowedHosts?: readonly string[];
}

/** One product of an event's properties (a `products[]` element or a single-product event), or null without a name or sku. */
export function toCartProduct(raw: unknown, { names = new Map(), allowedHosts }: CartProductOptions = {}): CartProduct | null {
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
    url: safeUrl(p.url, allowedHosts),
    image_url: safeUrl(p.image_url, allowedHosts),
  };
}

/** The products of a cart event: its `products[]`, or the event itself when it names one product. */
export function cartProductsOf(properties: unknown, options: CartProductOptions = {}): CartProduct[] {
  const props = properties && typeof properties === "object" ? (properties as Record<string, unknown>) : {};
  const list = Array.isArray(props.products) ? props.products : [props];
  return list
    .slice(0, MAX_PRODUCTS)
    .map((p) => toCartProduct(p, options))
    .filter((p): p is CartProduct => p !== null);
}
