import { Rng } from "../lib/demo/prng";
import type { RefData } from "../lib/segments/conditions/types";
import type { PropertyFilter, RuleWindow } from "../lib/segments/condition-fields";
import type { Condition, RuleNode, SegmentRules } from "../lib/segments/schemas";

/**
 * Random data and random rule trees for the differential test of the compiler: hostile strings
 * (quotes, backslashes, $1, unicode, SQL keywords) in values and in property keys, timestamps on
 * window boundaries to the second. Test support only.
 */
export const HOSTILE = [
  "",
  "a",
  "b",
  "shoes",
  "'",
  "''",
  '"',
  "\\",
  "\\'",
  "$1",
  "$2::text",
  "'; DROP TABLE customers; --",
  "SELECT",
  "%",
  "_",
  "ü",
  "Ü",
  "日本",
  "😀",
  "a'b",
  "NULL",
  "null",
  " ",
  "x\ny",
];
export const EVENT_TYPES = ["page_viewed", "product_viewed", "added_to_cart", "order_completed", "it's", "$1"];
export const PROP_KEYS = ["category", "price", "'", "$1", "a b", "ключ", "select"];
export const SKUS = ["SKU-1", "SKU-'2", "SKU-$3"];
export const CATEGORIES = ["shoes", "hats", "O'Brien", null];

export const REF = new Date("2024-06-15T12:00:00.000Z");
const DAY = 86_400_000;

/** Instants around the reference date, with exact window edges (7 and 90 days, 24 hours) and a second either side. */
function instant(rng: Rng): Date {
  const edges = [0, -1000, 1000, -7 * DAY, -7 * DAY + 1000, -7 * DAY - 1000, -90 * DAY, -90 * DAY - 1000, -DAY, -DAY + 1000, 2 * DAY];
  if (rng.chance(0.4)) return new Date(REF.getTime() + rng.pick(edges));
  return new Date(REF.getTime() - rng.int(-3, 120) * DAY - rng.int(0, 86_399) * 1000);
}

function propValue(rng: Rng): unknown {
  return rng.chance(0.5) ? rng.pick(HOSTILE) : rng.chance(0.8) ? rng.int(0, 10) : rng.chance(0.5);
}

export function randomData(seed: number, segmentIds: string[]): RefData {
  const rng = new Rng(seed);
  const n = rng.int(5, 25);
  const data: RefData = { customers: [], events: [], orders: [], features: new Map(), consents: [], members: new Map() };
  let eventId = 1;
  let orderId = 1;
  let consentId = 1;
  for (let id = 1; id <= n; id++) {
    const attributes: Record<string, unknown> = {};
    for (const key of PROP_KEYS) if (rng.chance(0.3)) attributes[key] = propValue(rng);
    data.customers.push({
      id,
      email: rng.chance(0.8) ? `${rng.pick(HOSTILE)}${id}@example.com` : null,
      firstName: rng.chance(0.7) ? rng.pick(HOSTILE) : null,
      lastName: rng.chance(0.7) ? rng.pick(HOSTILE) : null,
      phone: null,
      country: rng.chance(0.8) ? rng.pick(["United Kingdom", "France", "'", "日本", ""]) : null,
      city: rng.chance(0.5) ? rng.pick(HOSTILE) : null,
      firstSeenAt: rng.chance(0.8) ? instant(rng) : null,
      lastSeenAt: rng.chance(0.8) ? instant(rng) : null,
      createdAt: instant(rng),
      attributes,
    });
    for (let i = rng.int(0, 8); i > 0; i--) {
      const properties: Record<string, unknown> = {};
      for (const key of PROP_KEYS) if (rng.chance(0.35)) properties[key] = propValue(rng);
      data.events.push({ id: eventId++, customerId: id, type: rng.pick(EVENT_TYPES), occurredAt: instant(rng), properties });
    }
    // Some customers with more purchases than customer_purchase_ranks keeps (5).
    for (let i = rng.chance(0.2) ? rng.int(4, 8) : rng.int(0, 3); i > 0; i--) {
      const lines = Array.from({ length: rng.int(1, 3) }, () => ({
        sku: rng.pick(SKUS),
        category: null as string | null,
        lineTotal: rng.int(-5, 300),
      }));
      data.orders.push({
        id: orderId++,
        customerId: id,
        kind: rng.chance(0.85) ? "purchase" : "cancellation",
        placedAt: instant(rng),
        total: lines.reduce((s, l) => s + l.lineTotal, 0),
        lines,
      });
    }
    if (rng.chance(0.8)) {
      const r = rng.int(1, 5);
      const f = rng.int(1, 5);
      data.features.set(id, {
        frequency: rng.int(0, 12),
        monetary: rng.int(-50, 5000),
        categories: rng.int(0, 4),
        opens_30: rng.int(0, 5),
        last_purchase_at: rng.chance(0.8) ? instant(rng) : null,
        first_purchase_at: rng.chance(0.8) ? instant(rng) : null,
        r_score: r,
        f_score: f,
        m_score: rng.int(1, 5),
        rfm_code: `${r}${f}1`,
        rfm_segment: rng.pick(["Champions", "At Risk", "Can't Lose Them"]),
      });
    }
    for (let i = rng.int(0, 3); i > 0; i--) {
      data.consents.push({
        id: consentId++,
        customerId: id,
        purpose: rng.pick(["email_marketing", "personalization"]),
        status: rng.pick(["granted", "denied", "withdrawn"]),
        occurredAt: instant(rng),
      });
    }
  }
  // Categories come from products: give each SKU one.
  const categoryOf = new Map(SKUS.map((sku) => [sku, rng.pick(CATEGORIES)]));
  for (const o of data.orders) for (const l of o.lines) l.category = categoryOf.get(l.sku) ?? null;
  for (const sid of segmentIds) data.members.set(sid, new Set(data.customers.filter(() => rng.chance(0.4)).map((c) => c.id)));
  return data;
}

function randomWindow(rng: Rng): RuleWindow {
  const k = rng.int(0, 2);
  if (k === 0) return { type: "ever" };
  if (k === 1) return { type: "last", amount: rng.pick([1, 7, 24, 90]), unit: rng.pick(["hours", "days", "minutes"] as const) };
  const from = new Date(REF.getTime() - rng.pick([7, 30, 90]) * DAY);
  return { type: "between", from: from.toISOString(), to: new Date(from.getTime() + rng.pick([1, 7, 60]) * DAY).toISOString() };
}

function randomFilter(rng: Rng): PropertyFilter {
  const op = rng.pick(["eq", "neq", "contains", "gt", "gte", "lt", "lte", "exists", "not_exists"] as const);
  const numeric = op === "gt" || op === "gte" || op === "lt" || op === "lte";
  return {
    key: rng.pick(PROP_KEYS),
    op,
    value: numeric
      ? rng.int(0, 10)
      : op === "exists" || op === "not_exists"
        ? undefined
        : rng.chance(0.8)
          ? rng.pick(HOSTILE)
          : String(rng.int(0, 10)),
  };
}

function randomCondition(rng: Rng, segmentIds: string[]): Condition {
  switch (rng.int(0, 10)) {
    case 0: {
      const field = rng.pick(["email", "firstName", "lastName", "country", "city"]);
      const op = rng.pick(["eq", "neq", "contains", "not_contains", "starts_with", "ends_with", "is_empty", "is_not_empty"]);
      return { kind: "attribute", field, custom: false, valueType: "text", op, value: rng.pick(HOSTILE) };
    }
    case 1: {
      const op = rng.pick(["before", "after", "between", "in_last", "not_in_last", "is_empty", "is_not_empty"]);
      const amount = rng.pick([1, 7, 90]);
      const d = new Date(REF.getTime() - rng.pick([1, 7, 90]) * DAY).toISOString();
      return {
        kind: "attribute",
        field: rng.pick(["firstSeenAt", "lastSeenAt", "createdAt"]),
        custom: false,
        valueType: "date",
        op,
        value: op.includes("last") ? amount : d,
        value2: REF.toISOString(),
        unit: rng.pick(["days", "hours"] as const),
      };
    }
    case 2: {
      const valueType = rng.pick(["text", "number", "boolean"] as const);
      const op =
        valueType === "text"
          ? rng.pick(["eq", "neq", "contains", "is_empty"])
          : valueType === "number"
            ? rng.pick(["eq", "neq", "gt", "lte", "between", "is_empty"])
            : rng.pick(["is_true", "is_false", "is_empty"]);
      return {
        kind: "attribute",
        field: rng.pick(PROP_KEYS),
        custom: true,
        valueType,
        op,
        value: valueType === "text" ? rng.pick(HOSTILE) : rng.int(0, 10),
        value2: rng.int(3, 10),
      };
    }
    case 3: {
      const feature = rng.pick(["frequency", "monetary", "categories", "opens_30", "recency_days", "tenure_days", "opens_90"] as const);
      return {
        kind: "feature",
        feature,
        op: rng.pick(["eq", "neq", "gt", "gte", "lt", "lte", "between", "is_empty", "is_not_empty"]),
        value: rng.int(0, 30),
        value2: rng.int(10, 60),
      };
    }
    case 4: {
      const field = rng.pick(["r", "f", "m", "segment", "code"] as const);
      if (field === "segment") {
        const op = rng.pick(["eq", "neq", "in"] as const);
        return { kind: "rfm", field, op, value: op === "in" ? ["Champions", "'"] : rng.pick(["Can't Lose Them", "Champions"]) };
      }
      if (field === "code") return { kind: "rfm", field, op: "eq", value: `${rng.int(1, 5)}${rng.int(1, 5)}1` };
      return { kind: "rfm", field, op: rng.pick(["eq", "neq", "gte", "lte"] as const), value: rng.int(1, 5) };
    }
    case 5:
    case 6: {
      const did = rng.chance(0.75);
      return {
        kind: "event",
        eventType: rng.pick(EVENT_TYPES),
        did,
        where: Array.from({ length: rng.int(0, 2) }, () => randomFilter(rng)),
        countOp: rng.pick(["gte", "lte", "eq"] as const),
        count: rng.int(0, 3),
        window: randomWindow(rng),
      };
    }
    case 7:
      return {
        kind: "sequence",
        first: { eventType: rng.pick(EVENT_TYPES), where: rng.chance(0.3) ? [randomFilter(rng)] : [] },
        then: { eventType: rng.pick(EVENT_TYPES), where: rng.chance(0.3) ? [randomFilter(rng)] : [] },
        thenDid: rng.chance(0.5),
        within: { amount: rng.pick([1, 24, 30]), unit: rng.pick(["hours", "days"] as const) },
        window: randomWindow(rng),
      };
    case 8:
      return {
        kind: "order",
        measure: rng.pick(["count", "sum"] as const),
        op: rng.pick(["gt", "gte", "lt", "lte", "eq"] as const),
        value: rng.pick([0, 1, 1.5, 2, 3, 4, 5, 6, 100, 250]),
        window: randomWindow(rng),
        ...(rng.chance(0.3) ? { sku: rng.pick(SKUS) } : {}),
        ...(rng.chance(0.2) ? { category: rng.pick(["shoes", "hats", "O'Brien"]) } : {}),
      };
    case 10:
      // Purchase counts the kept ranks can answer (decision 057), windows ending at the reference date.
      return {
        kind: "order",
        measure: "count",
        op: rng.pick(["gt", "gte", "lt", "lte", "eq"] as const),
        value: rng.pick([0, 1, 2, 2.5, 3, 4, 5]),
        window: rng.chance(0.3)
          ? { type: "ever" }
          : { type: "last", amount: rng.pick([1, 7, 90]), unit: rng.pick(["hours", "days"] as const) },
      };
    default:
      return rng.chance(0.5)
        ? { kind: "segment", segmentId: rng.pick(segmentIds), in: rng.chance(0.6) }
        : { kind: "consent", purpose: rng.pick(["email_marketing", "personalization"] as const), allowed: rng.chance(0.7) };
  }
}

export function randomRules(seed: number, segmentIds: string[], depth = 0): SegmentRules {
  const rng = new Rng(seed);
  const group = (d: number): SegmentRules => ({
    type: "group",
    op: rng.chance(0.5) ? "and" : "or",
    ...(rng.chance(0.2) ? { not: true } : {}),
    children: Array.from({ length: rng.int(0, 3) }, (): RuleNode =>
      d < 2 && rng.chance(0.3) ? group(d + 1) : { type: "condition", ...randomCondition(rng, segmentIds) },
    ),
  });
  return group(depth);
}
