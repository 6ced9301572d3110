import { consentAllows } from "./consent-sql";
import type { Condition, PropertyFilter, RuleNode, SegmentRules } from "./schemas";
import { durationMs, inWindow } from "./window-bounds";

/**
 * A small, obviously-correct evaluator of the rule semantics over data held in memory. The
 * differential test checks the SQL compiler against it; it is never used on real data.
 */
export interface RefCustomer {
  id: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  country: string | null;
  city: string | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  createdAt: Date;
  attributes: Record<string, unknown>;
}
export interface RefData {
  customers: RefCustomer[];
  events: { id: number; customerId: number; type: string; occurredAt: Date; properties: Record<string, unknown> }[];
  orders: {
    id: number;
    customerId: number;
    kind: "purchase" | "cancellation";
    placedAt: Date;
    total: number;
    lines: { sku: string; category: string | null; lineTotal: number }[];
  }[];
  features: Map<number, Record<string, number | string | Date | null>>;
  consents: { id: number; customerId: number; purpose: string; status: string; occurredAt: Date }[];
  members: Map<string, Set<number>>;
}

type Value = string | number | boolean | Date | null | undefined;

function compare(
  valueType: string,
  op: string,
  x: Value,
  v: unknown,
  v2: unknown,
  ref: Date,
  unit?: "minutes" | "hours" | "days",
): boolean {
  const empty = x === null || x === undefined;
  if (valueType === "text") {
    const s = empty ? null : String(x);
    const val = String(v);
    switch (op) {
      case "eq":
        return s === val;
      case "neq":
        return s !== val;
      case "contains":
        return s !== null && s.includes(val);
      case "not_contains":
        return s === null || !s.includes(val);
      case "starts_with":
        return s !== null && s.startsWith(val);
      case "ends_with":
        return s !== null && s.endsWith(val);
      case "is_empty":
        return s === null || s === "";
      case "is_not_empty":
        return s !== null && s !== "";
    }
  }
  if (valueType === "number") {
    const n = empty ? null : Number(x);
    switch (op) {
      case "eq":
        return n !== null && n === Number(v);
      case "neq":
        return n === null || n !== Number(v);
      case "gt":
        return n !== null && n > Number(v);
      case "gte":
        return n !== null && n >= Number(v);
      case "lt":
        return n !== null && n < Number(v);
      case "lte":
        return n !== null && n <= Number(v);
      case "between":
        return n !== null && n >= Number(v) && n <= Number(v2);
      case "is_empty":
        return n === null;
      case "is_not_empty":
        return n !== null;
    }
  }
  if (valueType === "date") {
    const t = empty ? null : (x as Date).getTime();
    switch (op) {
      case "before":
        return t !== null && t < new Date(v as string).getTime();
      case "after":
        return t !== null && t > new Date(v as string).getTime();
      case "between":
        return t !== null && t >= new Date(v as string).getTime() && t < new Date(v2 as string).getTime();
      case "in_last":
        return t !== null && t > ref.getTime() - durationMs(Number(v), unit ?? "days") && t <= ref.getTime();
      case "not_in_last":
        return t !== null && t <= ref.getTime() - durationMs(Number(v), unit ?? "days");
      case "is_empty":
        return t === null;
      case "is_not_empty":
        return t !== null;
    }
  }
  switch (op) {
    case "is_true":
      return x === true;
    case "is_false":
      return x === false;
    case "is_empty":
      return typeof x !== "boolean";
  }
  throw new Error(`unknown op ${op}`);
}

/** How Postgres's ->> prints a JSON value (integers, strings and booleans are all the tests use). */
function jsonText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

export function propertyMatches(props: Record<string, unknown>, f: PropertyFilter): boolean {
  const has = Object.prototype.hasOwnProperty.call(props, f.key);
  const raw = has ? props[f.key] : undefined;
  const t = jsonText(raw);
  switch (f.op) {
    case "eq":
      return t !== null && t === String(f.value);
    case "neq":
      return t !== String(f.value);
    case "contains":
      return t !== null && t.includes(String(f.value));
    case "gt":
      return typeof raw === "number" && raw > Number(f.value);
    case "gte":
      return typeof raw === "number" && raw >= Number(f.value);
    case "lt":
      return typeof raw === "number" && raw < Number(f.value);
    case "lte":
      return typeof raw === "number" && raw <= Number(f.value);
    case "exists":
      return has;
    case "not_exists":
      return !has;
  }
}

const countOk = (op: string, x: number, n: number) =>
  op === "gte" ? x >= n : op === "lte" ? x <= n : op === "gt" ? x > n : op === "lt" ? x < n : x === n;

const zeroDefault = new Set(["frequency", "monetary", "categories", "opens_30", "opens_90", "clicks_30", "clicks_90"]);

export function evaluateCondition(data: RefData, c: RefCustomer, cond: Condition, ref: Date): boolean {
  switch (cond.kind) {
    case "attribute": {
      let x: Value;
      if (cond.custom) {
        const raw = c.attributes[cond.field];
        x =
          cond.valueType === "number"
            ? typeof raw === "number"
              ? raw
              : null
            : cond.valueType === "boolean"
              ? typeof raw === "boolean"
                ? raw
                : null
              : cond.valueType === "date"
                ? typeof raw === "string" && !Number.isNaN(new Date(raw).getTime())
                  ? new Date(raw)
                  : null
                : (jsonText(raw) as Value);
      } else {
        x = c[cond.field as keyof RefCustomer] as Value;
      }
      return compare(cond.valueType, cond.op, x, cond.value, cond.value2, ref, cond.unit);
    }
    case "feature": {
      const f = data.features.get(c.id);
      let x: Value;
      if (cond.feature === "recency_days" || cond.feature === "tenure_days") {
        const at = f?.[cond.feature === "recency_days" ? "last_purchase_at" : "first_purchase_at"] as Date | null | undefined;
        x = at ? Math.floor((ref.getTime() - at.getTime()) / 86_400_000) : null;
      } else {
        x = (f?.[cond.feature] ?? (zeroDefault.has(cond.feature) ? 0 : null)) as Value;
      }
      const type = cond.feature.endsWith("_at") ? "date" : "number";
      return compare(type, cond.op, x, cond.value, cond.value2, ref, cond.unit);
    }
    case "rfm": {
      const f = data.features.get(c.id);
      const x = f?.[cond.field === "segment" ? "rfm_segment" : cond.field === "code" ? "rfm_code" : `${cond.field}_score`] ?? null;
      const values = Array.isArray(cond.value) ? cond.value : [cond.value];
      if (cond.op === "in") return x !== null && values.map(String).includes(String(x));
      if (cond.op === "eq") return x !== null && String(x) === String(cond.value);
      if (cond.op === "neq") return x === null || String(x) !== String(cond.value);
      return x !== null && countOk(cond.op, Number(x), Number(cond.value));
    }
    case "event": {
      const n = data.events.filter(
        (e) =>
          e.customerId === c.id &&
          e.type === cond.eventType &&
          inWindow(e.occurredAt, cond.window, ref) &&
          cond.where.every((w) => propertyMatches(e.properties, w)),
      ).length;
      return cond.did ? countOk(cond.countOp, n, cond.count) : n === 0;
    }
    case "sequence": {
      const within = durationMs(cond.within.amount, cond.within.unit);
      return data.events.some((a) => {
        if (a.customerId !== c.id || a.type !== cond.first.eventType || !inWindow(a.occurredAt, cond.window, ref)) return false;
        if (!cond.first.where.every((w) => propertyMatches(a.properties, w))) return false;
        if (!cond.thenDid && a.occurredAt.getTime() + within > ref.getTime()) return false;
        const followed = data.events.some(
          (b) =>
            b.customerId === c.id &&
            b.type === cond.then.eventType &&
            b.id !== a.id &&
            b.occurredAt.getTime() >= a.occurredAt.getTime() &&
            b.occurredAt.getTime() <= a.occurredAt.getTime() + within &&
            b.occurredAt.getTime() <= ref.getTime() &&
            cond.then.where.every((w) => propertyMatches(b.properties, w)),
        );
        return cond.thenDid ? followed : !followed;
      });
    }
    case "order": {
      const orders = data.orders.filter((o) => o.customerId === c.id && o.kind === "purchase" && inWindow(o.placedAt, cond.window, ref));
      const byProduct = cond.sku !== undefined || cond.category !== undefined;
      let agg: number;
      if (!byProduct) agg = cond.measure === "count" ? orders.length : orders.reduce((s, o) => s + o.total, 0);
      else {
        const lines = orders.flatMap((o) =>
          o.lines
            .filter((l) => (cond.sku === undefined || l.sku === cond.sku) && (cond.category === undefined || l.category === cond.category))
            .map((l) => ({ o, l })),
        );
        agg = cond.measure === "count" ? new Set(lines.map((x) => x.o.id)).size : lines.reduce((s, x) => s + x.l.lineTotal, 0);
      }
      return countOk(cond.op, agg, cond.value);
    }
    case "segment": {
      const member = data.members.get(cond.segmentId)?.has(c.id) ?? false;
      return cond.in ? member : !member;
    }
    case "consent": {
      const latest = data.consents
        .filter((r) => r.customerId === c.id && r.purpose === cond.purpose)
        .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id - a.id)[0];
      const allowed = consentAllows(cond.purpose, latest?.status);
      return cond.allowed ? allowed : !allowed;
    }
    case "cluster":
      // Cluster conditions are checked against real runs in lib/clustering/runs tests.
      throw new Error("The reference evaluator does not cover cluster conditions.");
  }
}

export function evaluateNode(data: RefData, c: RefCustomer, node: RuleNode, ref: Date): boolean {
  if (node.type === "condition") {
    const { type: _t, ...cond } = node;
    return evaluateCondition(data, c, cond as Condition, ref);
  }
  const results = node.children.map((child) => evaluateNode(data, c, child, ref));
  const v = node.op === "and" ? results.every(Boolean) : results.some(Boolean);
  return node.not ? !v : v;
}

/** Ids of the customers the rules match, ascending. */
export function referenceMembers(data: RefData, rules: SegmentRules, ref: Date): number[] {
  return data.customers
    .filter((c) => evaluateNode(data, c, rules, ref))
    .map((c) => c.id)
    .sort((a, b) => a - b);
}
