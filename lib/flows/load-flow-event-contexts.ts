import { db } from "../db";
import { identifiersOfCall } from "../identity/identifiers-of-call";
import { verifiedIdentifiers } from "../identity/verify-identity";
import { cartProductsOf, safeUrl, type CartProduct, type EventContext } from "../templates/cart-event";

interface EventRow {
  id: bigint;
  customer_id: number;
  type: string;
  properties: unknown;
  tracked: boolean;
  key_kind: string | null;
  key_source: string | null;
  call_type: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  payload: Record<string, unknown> | null;
}

/**
 * The `event` a flow email sees: its triggering event's type and cart items. Event properties come
 * from tracking calls and fill an email only when the call was made with a secret key (a server's),
 * or carries an identity verification hash that proves one of its identifiers of the profile it
 * landed on (a verified identify, decision 096); anything else — a public key's call, which any
 * visitor can make in anyone's name — fills nothing. Links and images must point to the shop's
 * allowed hosts; an item of the product catalogue (by sku) takes its page and image from the
 * catalogue instead when its own are not allowed. Templates escape every output.
 */
export async function loadFlowEventContexts(opts: {
  eventIds: bigint[];
  allowedHosts: readonly string[];
  defaultRegion: string;
}): Promise<Map<bigint, EventContext>> {
  if (!opts.eventIds.length) return new Map();
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT e.id, e.customer_id, e.type, e.properties, e.source LIKE 'tracking:%' AS tracked,
      k.kind::text AS key_kind, k.source AS key_source, t.type AS call_type, t.user_id, t.anonymous_id, t.payload
    FROM events e LEFT JOIN api_keys k ON k.id = nullif(e.api_key_id, '')
      LEFT JOIN tracking_events t ON t.api_key_id = e.api_key_id AND t.message_id = e.message_id
    WHERE e.id = ANY(${opts.eventIds.map(String)}::bigint[])`;
  const trusted = await trustedEvents(rows, opts.defaultRegion);
  const items = new Map(rows.map((r) => [BigInt(r.id), trusted.has(BigInt(r.id)) ? cartProductsOf(r.properties) : []]));
  const catalogue = await catalogueOf([...items.values()].flat());
  const allowed = (url: string | null) => url !== null && safeUrl(url, opts.allowedHosts) !== null;
  return new Map(
    rows.map((r) => {
      const products = items.get(BigInt(r.id))!.map((p): CartProduct => {
        const known = p.sku ? catalogue.get(p.sku) : undefined;
        return {
          ...p,
          url: allowed(p.url) ? p.url : (known?.url ?? null),
          image_url: allowed(p.image_url) ? p.image_url : (known?.image_url ?? null),
        };
      });
      return [BigInt(r.id), { type: r.type, properties: { products } }];
    }),
  );
}

/** Events whose properties may fill an email: not from a tracking call, or a secret key's, or a call verifying an identifier of its profile. */
async function trustedEvents(rows: EventRow[], defaultRegion: string): Promise<Set<bigint>> {
  const trusted = new Set<bigint>();
  const proving = new Map<bigint, string[]>();
  for (const r of rows) {
    const id = BigInt(r.id);
    if (!r.tracked || r.key_kind === "secret") trusted.add(id);
    else if (r.payload && r.call_type) {
      const { identifiers } = identifiersOfCall({
        type: r.call_type,
        userId: r.user_id,
        anonymousId: r.anonymous_id,
        payload: r.payload,
        source: r.key_source ?? "api",
        defaultRegion,
      });
      const verified = verifiedIdentifiers({ identifiers, payload: r.payload });
      if (verified.size) proving.set(id, [...verified]);
    }
  }
  if (!proving.size) return trusted;
  // A hash proves an identifier; the identifier must be the profile's the event is on.
  const owners = await db.$queryRaw<{ key: string; customer_id: number }[]>`
    SELECT concat_ws(chr(31), type::text, source, value) AS key, customer_id FROM identities
    WHERE concat_ws(chr(31), type::text, source, value) = ANY(${[...new Set([...proving.values()].flat())]}::text[])`;
  const owner = new Map(owners.map((o) => [o.key, o.customer_id]));
  for (const r of rows) if (proving.get(BigInt(r.id))?.some((k) => owner.get(k) === r.customer_id)) trusted.add(BigInt(r.id));
  return trusted;
}

/** Catalogue pages and images (from the product catalogue import) of the items' skus, only http(s) ones. */
async function catalogueOf(products: CartProduct[]): Promise<Map<string, { url: string | null; image_url: string | null }>> {
  const skus = [...new Set(products.flatMap((p) => (p.sku ? [p.sku] : [])))];
  if (!skus.length) return new Map();
  const rows = await db.product.findMany({ where: { sku: { in: skus } }, select: { sku: true, url: true, imageUrl: true } });
  return new Map(rows.map((r) => [r.sku, { url: safeUrl(r.url), image_url: safeUrl(r.imageUrl) }]));
}
