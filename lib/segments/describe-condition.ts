import type { Condition, PropertyFilter, RuleWindow } from "./schemas";

/** Plain-language text of a condition (explanations, lists); client-safe. */
const opText: Record<string, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  before: "is before",
  after: "is after",
  in_last: "is in the last",
  not_in_last: "is more than",
  is_true: "is true",
  is_false: "is false",
  in: "is one of",
  exists: "exists",
  not_exists: "does not exist",
};

export const featureLabels: Record<string, string> = {
  recency_days: "Days since last purchase",
  frequency: "Purchases",
  monetary: "Net revenue",
  avg_order_value: "Average order value",
  tenure_days: "Days since first purchase",
  categories: "Categories bought",
  opens_30: "Email opens (30 days)",
  opens_90: "Email opens (90 days)",
  clicks_30: "Email clicks (30 days)",
  clicks_90: "Email clicks (90 days)",
  first_purchase_at: "First purchase",
  last_purchase_at: "Last purchase",
  last_seen_at: "Last seen",
};

export function describeWindow(w: RuleWindow): string {
  if (w.type === "ever") return "ever";
  if (w.type === "last") return `in the last ${w.amount} ${w.unit}`;
  return `between ${w.from.slice(0, 10)} and ${w.to.slice(0, 10)}`;
}

const q = (v: unknown) => JSON.stringify(v ?? "");

export function describeFilter(f: PropertyFilter): string {
  return f.op === "exists" || f.op === "not_exists" ? `${f.key} ${opText[f.op]}` : `${f.key} ${opText[f.op]} ${q(f.value)}`;
}

function valuePart(op: string, value: unknown, value2: unknown, unit?: string): string {
  if (op.startsWith("is_") && op !== "is_true") return "";
  if (op === "is_true" || op === "is_false") return "";
  if (op === "between") return ` ${q(value)} and ${q(value2)}`;
  if (op === "in_last") return ` ${String(value)} ${unit ?? "days"}`;
  if (op === "not_in_last") return ` ${String(value)} ${unit ?? "days"} ago`;
  return ` ${q(value)}`;
}

export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case "attribute":
      return `${c.custom ? `Attribute ${q(c.field)}` : c.field} ${opText[c.op] ?? c.op}${valuePart(c.op, c.value, c.value2, c.unit)}`;
    case "feature":
      return `${featureLabels[c.feature] ?? c.feature} ${opText[c.op] ?? c.op}${valuePart(c.op, c.value, c.value2, c.unit)}`;
    case "rfm":
      return `RFM ${c.field === "segment" ? "segment" : c.field === "code" ? "code" : `${c.field.toUpperCase()} score`} ${opText[c.op]} ${Array.isArray(c.value) ? c.value.join(", ") : String(c.value)}`;
    case "event": {
      const where = c.where.length ? ` where ${c.where.map(describeFilter).join(" and ")}` : "";
      const times = c.did
        ? c.countOp === "gte" && c.count === 1
          ? ""
          : ` ${({ gte: "at least", lte: "at most", eq: "exactly" } as const)[c.countOp]} ${c.count} times`
        : "";
      return `${c.did ? "Did" : "Did not do"} ${q(c.eventType)}${where}${times} ${describeWindow(c.window)}`;
    }
    case "sequence":
      return `Did ${q(c.first.eventType)} ${describeWindow(c.window)} and ${c.thenDid ? "then" : "not"} ${q(c.then.eventType)} within ${c.within.amount} ${c.within.unit} after`;
    case "order": {
      const what = c.sku ? ` of ${c.sku}` : c.category ? ` in category ${q(c.category)}` : "";
      return `${c.measure === "count" ? "Number of orders" : "Spend"}${what} ${describeWindow(c.window)} ${opText[c.op]} ${c.value}`;
    }
    case "segment":
      return `${c.in ? "Is" : "Is not"} in segment ${c.segmentId}`;
    case "cluster":
      return `${c.live ? "Nearest to" : "Was put in"} cluster ${c.label ? q(c.label) : c.cluster + 1} of clustering run ${c.runId}${c.live ? " (live)" : " (snapshot)"}`;
    case "consent":
      return `${c.allowed ? "May" : "May not"} be used for ${c.purpose.replace("_", " ")}`;
  }
}
