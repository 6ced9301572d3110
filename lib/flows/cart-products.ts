/** One item of `event.properties.products[]` as templates see it (Segment's e-commerce spec). */
export interface CartProduct {
  name: string;
  price: number | null;
  quantity: number;
  url: string | null;
  image_url: string | null;
}

const MAX_ITEMS = 20;

function plainText(v: unknown, max: number): string {
  return typeof v === "string"
    ? v
        .replace(/[\u0000-\u001f\u007f]/g, " ")
        .trim()
        .slice(0, max)
    : "";
}

/** An http(s) URL whose host is one of `allowedHosts` or below one; anything else is dropped. */
export function allowedUrl(v: unknown, allowedHosts: readonly string[]): string | null {
  if (typeof v !== "string" || v.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((h) => host === h || host.endsWith(`.${h}`)) ? url.toString() : null;
}

/**
 * The cart's items for an email, from the triggering event's properties — treated as untrusted
 * input. Only events from a trusted call (a secret key, or an import) fill them: a public key's call
 * could be made by anyone with the site's key. Names become plain text (the template escapes them
 * on output), numbers must be numbers, and links and images are kept only when they point to one of
 * the allowed hosts (the shop's own domains); the rest is dropped, never passed through.
 */
export function cartProductsOf(opts: { properties: unknown; trusted: boolean; allowedHosts: readonly string[] }): CartProduct[] {
  if (!opts.trusted || typeof opts.properties !== "object" || opts.properties === null) return [];
  const products = (opts.properties as Record<string, unknown>).products;
  if (!Array.isArray(products)) return [];
  return products
    .slice(0, MAX_ITEMS)
    .filter((p): p is Record<string, unknown> => typeof p === "object" && p !== null)
    .map((p) => {
      const price = typeof p.price === "number" && Number.isFinite(p.price) && p.price >= 0 ? p.price : null;
      const quantity = typeof p.quantity === "number" && Number.isInteger(p.quantity) && p.quantity > 0 ? Math.min(p.quantity, 999) : 1;
      return {
        name: plainText(p.name, 200),
        price,
        quantity,
        url: allowedUrl(p.url, opts.allowedHosts),
        image_url: allowedUrl(p.image_url, opts.allowedHosts),
      };
    })
    .filter((p) => p.name !== "");
}

/** The shop's own hosts: the sender address's domain and the installation's host. */
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
