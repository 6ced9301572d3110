import { compileCondition, type ConditionSet, type KnownFacts } from "./compile-condition";
import type { Condition, RuleNode, SegmentRules } from "./schemas";
import { SqlParams } from "./sql-params";

export interface CompiledLeaf {
  /** Position in the tree: indexes from the root ([0, 2] = third child of the first child). */
  path: number[];
  condition: Condition;
  /** The condition as a boolean that is never null (coalesce(…, false)). */
  sql: string;
  /** The same condition as written (it may be null where sql is false): for positive positions in a WHERE. */
  rawSql: string;
  valueSql: string;
  /** The condition's customers as an id set, when it has that form (compileCondition). */
  set?: ConditionSet;
}

export interface CompiledRules {
  /** A boolean over `c` (customers) and `f` (customer_features left-joined on c.id). */
  where: string;
  /**
   * The same rows as `where` when used as a WHERE clause, with the leaves that no NOT encloses
   * unwrapped (a null rejects a row as false does): Postgres then turns a top-level `c.id IN (…)`
   * into a semi-join driven by that set, and a strict condition on `f` into an inner join, instead
   * of evaluating every condition for every customer. Not a value: it may be null where `where` is false.
   */
  filter: string;
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
export function compileRules(
  rules: SegmentRules,
  opts: {
    ref: Date;
    params?: SqlParams;
    scope?: (customerIdColumn: string) => string;
    consentOptOut?: Partial<Record<string, boolean>>;
    known?: KnownFacts;
  },
): CompiledRules {
  const params = opts.params ?? new SqlParams();
  const leaves: CompiledLeaf[] = [];
  const walk = (node: RuleNode, path: number[]): void => {
    if (node.type === "condition") {
      const { type: _type, ...condition } = node;
      const compiled = compileCondition(condition as Condition, {
        params,
        ref: opts.ref,
        scope: opts.scope,
        consentOptOut: opts.consentOptOut,
        known: opts.known,
        label: path.map((i) => i + 1).join(".") || "1",
      });
      leaves.push({
        path,
        condition: condition as Condition,
        sql: `coalesce((${compiled.sql}), false)`,
        rawSql: `(${compiled.sql})`,
        valueSql: compiled.valueSql,
        ...(compiled.set ? { set: compiled.set } : {}),
      });
      return;
    }
    node.children.forEach((child, i) => walk(child, [...path, i]));
  };
  walk(rules, []);
  /** The tree over the leaves, leaf(i, negated) giving leaf i's expression (negated: a NOT encloses it). */
  const build = (leaf: (index: number, negated: boolean) => string): string => {
    let i = 0;
    const node$ = (node: RuleNode, negated: boolean): string => {
      if (node.type === "condition") return leaf(i++, negated);
      const inner = negated || Boolean(node.not);
      const parts = node.children.map((child) => node$(child, inner));
      const joined =
        parts.length === 0 ? (node.op === "and" ? "true" : "false") : parts.map((x) => `(${x})`).join(node.op === "and" ? " AND " : " OR ");
      return node.not ? `NOT (${joined})` : joined;
    };
    return node$(rules, false);
  };
  const where = build((i) => leaves[i]!.sql);
  const filter = build((i, negated) => (negated ? leaves[i]!.sql : leaves[i]!.rawSql));
  const combine = (leaf: (index: number) => string): string => build((i) => leaf(i));
  // A live cluster condition re-applies the run's model to the customer's features (f.*) too.
  const readsFeatures = leaves.some(
    (l) => l.condition.kind === "feature" || l.condition.kind === "rfm" || (l.condition.kind === "cluster" && l.condition.live),
  );
  return { where, filter, combine, leaves, params, from: readsFeatures ? SEGMENT_FROM : "customers c" };
}
