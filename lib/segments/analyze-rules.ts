import { definitionOf } from "./conditions/registry";
import type { Condition, RuleNode, SegmentRules } from "./schemas";

export interface RulesAnalysis {
  /** Kinds of change that can alter membership: "event:<type>", "orders", "attributes", "features", "consent", "rfm", "segment:<id>". */
  triggers: string[];
  /** Segments whose membership these rules read. */
  dependsOn: string[];
  /** True when time passing alone can change membership (relative windows, "… within" sequences). */
  timeBased: boolean;
}

export function conditionsOf(node: RuleNode): Condition[] {
  if (node.type === "condition") {
    const { type: _t, ...cond } = node;
    return [cond as Condition];
  }
  return node.children.flatMap(conditionsOf);
}

/** What a rule tree depends on: the index from kinds of change to the segments they can affect (each kind's `analyze`). */
export function analyzeRules(rules: SegmentRules): RulesAnalysis {
  const triggers = new Set<string>();
  const dependsOn = new Set<string>();
  let timeBased = false;
  for (const c of conditionsOf(rules)) {
    const analysis = definitionOf(c).analyze(c);
    analysis.triggers.forEach((t) => triggers.add(t));
    analysis.dependsOn?.forEach((id) => dependsOn.add(id));
    timeBased ||= analysis.timeBased;
  }
  return { triggers: [...triggers].sort(), dependsOn: [...dependsOn].sort(), timeBased };
}

/** The consent purposes whose defaults a rule tree's conditions read. */
export function analyzeConsentPurposes(rules: SegmentRules): string[] {
  return [...new Set(conditionsOf(rules).flatMap((c) => definitionOf(c).analyze(c).consentPurposes ?? []))].sort();
}
