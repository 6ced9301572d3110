import type { ConditionInput, RuleGroup, RuleNode } from "@/lib/segments/schemas";

/** Pure edits of the rule tree by path (the builder's state updates). */
export type Path = number[];

export function nodeAt(root: RuleGroup, path: Path): RuleNode {
  let node: RuleNode = root;
  for (const i of path) node = (node as RuleGroup).children[i]!;
  return node;
}

export function replaceAt(root: RuleGroup, path: Path, next: RuleNode | null): RuleGroup {
  if (path.length === 0) return next as RuleGroup;
  const [head, ...rest] = path;
  const children = [...root.children];
  if (rest.length === 0) {
    if (next === null) children.splice(head!, 1);
    else children[head!] = next;
  } else {
    children[head!] = replaceAt(children[head!] as RuleGroup, rest, next);
  }
  return { ...root, children };
}

export const conditionDefaults: Record<string, ConditionInput> = {
  attribute: { kind: "attribute", field: "country", custom: false, valueType: "text", op: "eq", value: "" },
  feature: { kind: "feature", feature: "frequency", op: "gte", value: 3 },
  rfm: { kind: "rfm", field: "segment", op: "eq", value: "Champions" },
  event: {
    kind: "event",
    eventType: "product_viewed",
    did: true,
    where: [],
    countOp: "gte",
    count: 1,
    window: { type: "last", amount: 30, unit: "days" },
  },
  sequence: {
    kind: "sequence",
    first: { eventType: "added_to_cart", where: [] },
    then: { eventType: "order_completed", where: [] },
    thenDid: false,
    within: { amount: 24, unit: "hours" },
    window: { type: "last", amount: 7, unit: "days" },
  },
  order: { kind: "order", measure: "count", op: "gte", value: 1, window: { type: "last", amount: 90, unit: "days" } },
  segment: { kind: "segment", segmentId: "", in: true },
  consent: { kind: "consent", purpose: "email_marketing", allowed: true },
  cluster: { kind: "cluster", runId: "", cluster: 0, live: false },
};

export const conditionKindLabels: Record<string, string> = {
  attribute: "Profile attribute",
  feature: "Customer feature",
  rfm: "RFM",
  event: "Event",
  sequence: "Event sequence",
  order: "Orders",
  segment: "Another segment",
  consent: "Consent",
  cluster: "Cluster",
};

export const newCondition = (kind = "attribute"): RuleNode => ({ type: "condition", ...conditionDefaults[kind] }) as RuleNode;
export const newGroup = (): RuleGroup => ({ type: "group", op: "or", children: [newCondition()] });
