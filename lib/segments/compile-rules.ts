import { definitionOf } from "./conditions/registry";
import type { CompileContext, ConditionSql, CustomerSet, KnownFacts } from "./conditions/types";
import type { Condition, RuleNode, SegmentRules } from "./schemas";
import { SqlParams } from "./sql-params";
import { isEmptyGroup } from "./empty-groups";

/**
 * A condition's customers as an id set (the preview's sets form, decision 051): a query of ids
 * (`negated`: everyone but them), or a boolean over `f` alone, which the preview reads for all such
 * conditions of a rule in one scan of customer_features (set-algebra.ts): its customers are the rows
 * where it holds, plus the customers without a row when it holds on an all-null row.
 */
export type ConditionSet = (CustomerSet & { features?: undefined }) | { features: string; negated: false; sql?: undefined };

export interface CompiledLeaf {
  /** Position in the tree: indexes from the root ([0, 2] = third child of the first child). */
  path: number[];
  condition: Condition;
  /** What the condition reads: customers' columns, customer_features' columns, or other tables through subqueries. */
  on: ConditionSql["on"];
  /** The condition as a boolean over `c` and `f` that is never null (coalesce(…, false)). */
  sql: string;
  /** The same condition as written (it may be null where sql is false): for positive positions in a WHERE. */
  rawSql: string;
  valueSql: string;
  /** The condition's customers as an id set, when it has that form. */
  set?: ConditionSet;
  /** Whether its boolean reads `f` (customer_features). */
  readsFeatures: boolean;
}

/** The rule tree with each condition replaced by its compiled leaf (leaves numbered depth-first). */
export type CompiledNode = { type: "group"; op: "and" | "or"; not: boolean; children: CompiledNode[] } | { type: "leaf"; index: number };

export interface CompiledRules {
  /**
   * The intermediate representation every form below is generated from: the tree, and its leaves in
   * depth-first order (each a condition compiled by its kind's definition, conditions/<kind>/sql.ts).
   */
  tree: CompiledNode;
  leaves: CompiledLeaf[];
  params: SqlParams;
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
  /** SEGMENT_FROM, without the features join when no condition reads features (one scan less). */
  from: string;
}

/** FROM clause every compiled rule runs against. */
export const SEGMENT_FROM = "customers c LEFT JOIN customer_features f ON f.customer_id = c.id";

/** `c.id` in the set, as a boolean. */
const inSet = (set: CustomerSet): string => `c.id ${set.negated ? "NOT IN" : "IN"} (${set.sql})`;

/** A kind's one SQL form, completed with the others (a boolean from a set, a set from a boolean). */
function leafForms(sql: ConditionSql): { test: string; set?: ConditionSet; readsFeatures: boolean } {
  switch (sql.on) {
    case "customers":
      return { test: sql.test, set: { sql: `SELECT c.id FROM customers c WHERE ${sql.test}`, negated: false }, readsFeatures: false };
    case "features":
      return { test: sql.test, set: { features: sql.test, negated: false }, readsFeatures: true };
    case "subquery":
      return { test: sql.test ?? inSet(sql.set!), ...(sql.set ? { set: sql.set } : {}), readsFeatures: Boolean(sql.readsFeatures) };
  }
}

/**
 * Folds the compiled tree into one SQL boolean: leaf(i, negated) gives leaf i's expression (negated:
 * a NOT encloses it); an empty AND group is true, an empty OR group false.
 */
export function foldBoolean(tree: CompiledNode, leaf: (index: number, negated: boolean) => string): string {
  const node$ = (node: CompiledNode, negated: boolean): string => {
    if (node.type === "leaf") return leaf(node.index, negated);
    const inner = negated || node.not;
    const parts = node.children.map((child) => node$(child, inner));
    const joined =
      parts.length === 0 ? (node.op === "and" ? "true" : "false") : parts.map((x) => `(${x})`).join(node.op === "and" ? " AND " : " OR ");
    return node.not ? `NOT (${joined})` : joined;
  };
  return node$(tree, false);
}

/**
 * The rule tree compiled once into its intermediate representation, and the boolean forms generated
 * from it. Every value is a parameter. Each leaf of `where` is wrapped in coalesce(…, false) so that
 * a missing value never turns a negation into "unknown".
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
  const walk = (node: RuleNode, path: number[]): CompiledNode => {
    if (node.type === "group")
      return {
        type: "group",
        op: node.op,
        not: Boolean(node.not),
        // A group without any condition (one just added in the builder) is ignored until it has one.
        children: node.children.flatMap((child, i) => (isEmptyGroup(child) ? [] : [walk(child, [...path, i])])),
      };
    const { type: _type, ...rest } = node;
    const condition = rest as Condition;
    const ctx: CompileContext = {
      params,
      ref: opts.ref,
      scope: opts.scope,
      consentOptOut: opts.consentOptOut,
      known: opts.known,
      label: path.map((i) => i + 1).join(".") || "1",
    };
    const sql = definitionOf(condition).compile(condition, ctx);
    const forms = leafForms(sql);
    leaves.push({
      path,
      condition,
      on: sql.on,
      sql: `coalesce((${forms.test}), false)`,
      rawSql: `(${forms.test})`,
      valueSql: sql.value,
      ...(forms.set ? { set: forms.set } : {}),
      readsFeatures: forms.readsFeatures,
    });
    return { type: "leaf", index: leaves.length - 1 };
  };
  const tree = walk(rules, []);
  return {
    tree,
    leaves,
    params,
    where: foldBoolean(tree, (i) => leaves[i]!.sql),
    filter: foldBoolean(tree, (i, negated) => (negated ? leaves[i]!.sql : leaves[i]!.rawSql)),
    combine: (leaf) => foldBoolean(tree, (i) => leaf(i)),
    from: leaves.some((l) => l.readsFeatures) ? SEGMENT_FROM : "customers c",
  };
}
