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

/** A set's SQL (one id column, repeats and nulls allowed) as a sorted, duplicate-free int[]. */
export function setArraySql(setSql: string): string {
  return `(SELECT coalesce(intarray.uniq(intarray.sort(array_agg(s.id) FILTER (WHERE s.id IS NOT NULL))), ${EMPTY}) FROM (${setSql}) s(id))`;
}
