import { conditionKinds } from "@/lib/segments/conditions";
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

export const conditionDefaults: Record<string, ConditionInput> = Object.fromEntries(
  Object.values(conditionKinds).map((k) => [k.kind, k.defaults as ConditionInput]),
);

export const conditionKindLabels: Record<string, string> = Object.fromEntries(Object.values(conditionKinds).map((k) => [k.kind, k.label]));

export const newCondition = (kind = "attribute"): RuleNode => ({ type: "condition", ...conditionDefaults[kind] }) as RuleNode;
/** A new group starts empty: it is ignored (the count does not change) until it has a condition. */
export const newGroup = (): RuleGroup => ({ type: "group", op: "or", children: [] });
