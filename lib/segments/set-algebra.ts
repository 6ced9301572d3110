import type { ConditionSet } from "./compile-condition";
import type { RuleNode } from "./schemas";

/**
 * A customer set as a sorted int[] expression: the ids themselves, or (negated) everyone but them.
 * Complements are kept symbolic, so no rule needs an array of every customer.
 */
export interface SetTerm {
  arr: string;
  negated: boolean;
}

/** intarray's operators, from the schema the extension lives in (prisma/migrations/*_intarray). */
const AND = "OPERATOR(intarray.&)";
const OR = "OPERATOR(intarray.|)";
const MINUS = "OPERATOR(intarray.-)";
const EMPTY = "'{}'::int[]";

const join = (terms: string[], op: string): string => (terms.length === 1 ? terms[0]! : `(${terms.join(` ${op} `)})`);

/**
 * The rule tree over its leaves' sets (leaf i → its term, leaves numbered depth-first as compileRules
 * numbers them), with set algebra on sorted arrays: AND intersects the positive terms and subtracts the
 * union of the negated ones; OR is its dual (De Morgan); NOT flips. Every sub-expression is linear in
 * the sizes of its arrays.
 */
export function combineSets(rules: RuleNode, leaf: (index: number) => SetTerm): SetTerm {
  let i = 0;
  const node$ = (node: RuleNode): SetTerm => {
    if (node.type === "condition") return leaf(i++);
    const parts = node.children.map(node$);
    const pos = parts.filter((p) => !p.negated).map((p) => p.arr);
    const neg = parts.filter((p) => p.negated).map((p) => p.arr);
    let term: SetTerm;
    if (node.op === "and") {
      if (parts.length === 0) term = { arr: EMPTY, negated: true }; // everyone
      else if (pos.length === 0) term = { arr: join(neg, OR), negated: true };
      else term = { arr: neg.length ? `(${join(pos, AND)} ${MINUS} ${join(neg, OR)})` : join(pos, AND), negated: false };
    } else {
      if (parts.length === 0) term = { arr: EMPTY, negated: false }; // nobody
      else if (neg.length === 0) term = { arr: join(pos, OR), negated: false };
      else term = { arr: pos.length ? `(${join(neg, AND)} ${MINUS} ${join(pos, OR)})` : join(neg, AND), negated: true };
    }
    return node.not ? { arr: term.arr, negated: !term.negated } : term;
  };
  return node$(rules);
}

/**
 * A set's SQL (one id column, repeats and nulls allowed) as a sorted, duplicate-free int[], built by
 * tailor_ids_agg (prisma/migrations/*_ids_agg: parallel workers may share the scan; '{}' when empty).
 */
export function setArraySql(setSql: string): string {
  return `(SELECT intarray.uniq(intarray.sort(tailor_ids_agg(s.id) FILTER (WHERE s.id IS NOT NULL))) FROM (${setSql}) s(id))`;
}

export interface SetsStatement {
  /** `WITH …` defining y: one row with a0…an (each condition's array), t (the rule's) and, when needed, everyone. */
  with: string;
  total: SetTerm;
  /** Whether y.everyone (the number of customers) is defined. */
  everyone: boolean;
}

/**
 * The statement part that builds every condition's array once and the rule's array from them. The
 * conditions on customer_features alone share one scan of that table (one array per condition, by
 * FILTER) when there are several of them.
 */
export function setsStatement(rules: RuleNode, leaves: ConditionSet[]): SetsStatement {
  const total = combineSets(rules, (i) => ({ arr: `x.a${i}`, negated: leaves[i]!.negated }));
  const everyone = total.negated || leaves.some((l) => l.negated);
  const shared = leaves.filter((l) => l.features !== undefined).length > 1;
  const arrays = leaves.map((l, i) => {
    if (!shared || l.features === undefined) return `${setArraySql(l.sql)} AS a${i}`;
    // The rows where it holds, plus the customers without a row when it holds on an all-null one
    // (a one-time check: the customers without features are listed only then).
    const nobody = `(SELECT coalesce((${l.features}), false) FROM (VALUES (1)) nobody LEFT JOIN customer_features f ON false)`;
    const withoutRow = `(SELECT coalesce(array_agg(c.id), ${EMPTY}) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM customer_features f WHERE f.customer_id = c.id))`;
    return `(intarray.sort(fs.f${i}) ${OR} CASE WHEN ${nobody} THEN ${withoutRow} ELSE ${EMPTY} END) AS a${i}`;
  });
  if (everyone) arrays.push(`(SELECT count(*) FROM customers)::int AS everyone`);
  const scan = shared
    ? `fs AS MATERIALIZED (SELECT ${leaves
        .flatMap((l, i) => (l.features === undefined ? [] : [`tailor_ids_agg(f.customer_id) FILTER (WHERE ${l.features}) AS f${i}`]))
        .join(", ")} FROM customer_features f), `
    : "";
  return {
    with: `WITH ${scan}x AS MATERIALIZED (SELECT ${arrays.length ? arrays.join(", ") : "1 AS nothing"}${shared ? " FROM fs" : ""}),
              y AS MATERIALIZED (SELECT x.*, ${total.arr} AS t FROM x)`,
    total,
    everyone,
  };
}
