import { compileCondition } from "./compile-condition";
import type { Condition, RuleNode, SegmentRules } from "./schemas";
import { SqlParams } from "./sql-params";

export interface CompiledLeaf {
  /** Position in the tree: indexes from the root ([0, 2] = third child of the first child). */
  path: number[];
  condition: Condition;
  sql: string;
  valueSql: string;
}

export interface CompiledRules {
  /** A boolean over `c` (customers) and `f` (customer_features left-joined on c.id). */
  where: string;
  /** The same boolean over the leaves' values given as expressions (leaf i → its column), so that each leaf is computed once. */
  combine: (leaf: (index: number) => string) => string;
  leaves: CompiledLeaf[];
  params: SqlParams;
  /** SEGMENT_FROM, without the features join when no condition reads features (one scan less). */
  from: string;
}

/** FROM clause every compiled rule runs against. */
export const SEGMENT_FROM = "customers c LEFT JOIN customer_features f ON f.customer_id = c.id";

/**
 * The rule tree as one SQL boolean with every value a parameter. Each leaf is wrapped in
 * coalesce(…, false) so that a missing value never turns a negation into "unknown".
 */
export function compileRules(rules: SegmentRules, opts: { ref: Date; params?: SqlParams; scope?: (customerIdColumn: string) => string }): CompiledRules {
  const params = opts.params ?? new SqlParams();
  const leaves: CompiledLeaf[] = [];
  const walk = (node: RuleNode, path: number[]): string => {
    if (node.type === "condition") {
      const { type: _type, ...condition } = node;
      const compiled = compileCondition(condition as Condition, { params, ref: opts.ref, scope: opts.scope, label: path.map((i) => i + 1).join(".") || "1" });
      const sql = `coalesce((${compiled.sql}), false)`;
      leaves.push({ path, condition: condition as Condition, sql, valueSql: compiled.valueSql });
      return sql;
    }
    const parts = node.children.map((child, i) => walk(child, [...path, i]));
    const joined = parts.length === 0 ? (node.op === "and" ? "true" : "false") : parts.map((x) => `(${x})`).join(node.op === "and" ? " AND " : " OR ");
    return node.not ? `NOT (${joined})` : joined;
  };
  const where = walk(rules, []);
  const combine = (leaf: (index: number) => string): string => {
    let i = 0;
    const build = (node: RuleNode): string => {
      if (node.type === "condition") return leaf(i++);
      const parts = node.children.map(build);
      const joined = parts.length === 0 ? (node.op === "and" ? "true" : "false") : parts.map((x) => `(${x})`).join(node.op === "and" ? " AND " : " OR ");
      return node.not ? `NOT (${joined})` : joined;
    };
    return build(rules);
  };
  // A live cluster condition re-applies the run's model to the customer's features (f.*) too.
  const readsFeatures = leaves.some((l) => l.condition.kind === "feature" || l.condition.kind === "rfm" || (l.condition.kind === "cluster" && l.condition.live));
  return { where, combine, leaves, params, from: readsFeatures ? SEGMENT_FROM : "customers c" };
}
