import { definitionOf } from "../lib/segments/conditions/registry";
import { isEmptyGroup } from "../lib/segments/empty-groups";
import type { RefCustomer, RefData } from "../lib/segments/conditions/types";
import type { Condition, RuleNode, SegmentRules } from "../lib/segments/schemas";

/**
 * The rule semantics over data held in memory: each condition as its kind's reference semantics
 * (conditions/<kind>/semantics.ts) say, the tree as plain boolean logic. The differential test
 * checks every compiled form against it; never used on real data.
 */
export function evaluateNode(data: RefData, customer: RefCustomer, node: RuleNode, ref: Date): boolean {
  if (node.type === "condition") {
    const { type: _t, ...rest } = node;
    const condition = rest as Condition;
    const evaluate = definitionOf(condition).evaluate;
    if (!evaluate) throw new Error(`The reference semantics do not cover ${condition.kind} conditions.`);
    return evaluate(condition, { data, customer, ref });
  }
  // Groups without any condition are ignored (lib/segments/empty-groups.ts).
  const results = node.children.filter((child) => !isEmptyGroup(child)).map((child) => evaluateNode(data, customer, child, ref));
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
