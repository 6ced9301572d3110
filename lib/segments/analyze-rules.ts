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

/** What a rule tree depends on: the index from kinds of change to the segments they can affect. */
export function analyzeRules(rules: SegmentRules): RulesAnalysis {
  const triggers = new Set<string>();
  const dependsOn = new Set<string>();
  let timeBased = false;
  for (const c of conditionsOf(rules)) {
    switch (c.kind) {
      case "attribute":
        triggers.add("attributes");
        if (c.op === "in_last" || c.op === "not_in_last") timeBased = true;
        break;
      case "feature":
        triggers.add("features");
        if (c.feature === "recency_days" || c.feature === "tenure_days" || c.op === "in_last" || c.op === "not_in_last") timeBased = true;
        break;
      case "rfm":
        triggers.add("rfm");
        break;
      case "event":
        triggers.add(`event:${c.eventType}`);
        if (c.window.type === "last") timeBased = true;
        break;
      case "sequence":
        triggers.add(`event:${c.first.eventType}`);
        triggers.add(`event:${c.then.eventType}`);
        timeBased = true;
        break;
      case "order":
        triggers.add("orders");
        if (c.window.type === "last") timeBased = true;
        break;
      case "segment":
        triggers.add(`segment:${c.segmentId}`);
        dependsOn.add(c.segmentId);
        break;
      case "consent":
        triggers.add("consent");
        break;
      case "cluster":
        // A snapshot never changes; a live condition follows the features it reads.
        if (c.live) {
          triggers.add("features");
          triggers.add("consent");
          for (const col of c.model?.preprocess.columns ?? []) {
            if (col.key.startsWith("attr:")) triggers.add("attributes");
            else if (col.key.endsWith("_score")) triggers.add("rfm");
          }
        }
        break;
    }
  }
  return { triggers: [...triggers].sort(), dependsOn: [...dependsOn].sort(), timeBased };
}

/** The consent purposes a rule tree's conditions name. */
export function analyzeConsentPurposes(rules: SegmentRules): string[] {
  return [...new Set(conditionsOf(rules).flatMap((c) => (c.kind === "consent" ? [c.purpose] : [])))].sort();
}
