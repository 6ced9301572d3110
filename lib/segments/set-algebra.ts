import type { CompiledNode, CompiledRules, ConditionSet } from "./compile-rules";

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
 * the sizes of its arrays. A leaf whose term is null is already part of another leaf's term (a merged
 * group of sibling conditions) and is skipped.
 */
export function combineSets(tree: CompiledNode, leaf: (index: number) => SetTerm | null): SetTerm {
  const node$ = (node: CompiledNode): SetTerm | null => {
    if (node.type === "leaf") return leaf(node.index);
    const parts = node.children.map(node$).filter((p): p is SetTerm => p !== null);
    const pos = parts.filter((p) => !p.negated).map((p) => p.arr);
    const neg = parts.filter((p) => p.negated).map((p) => p.arr);
    let term: SetTerm;
    if (node.op === "and") {
      if (parts.length === 0)
        term = { arr: EMPTY, negated: true }; // everyone
      else if (pos.length === 0) term = { arr: join(neg, OR), negated: true };
      else term = { arr: neg.length ? `(${join(pos, AND)} ${MINUS} ${join(neg, OR)})` : join(pos, AND), negated: false };
    } else {
      if (parts.length === 0)
        term = { arr: EMPTY, negated: false }; // nobody
      else if (neg.length === 0) term = { arr: join(pos, OR), negated: false };
      else term = { arr: pos.length ? `(${join(neg, AND)} ${MINUS} ${join(pos, OR)})` : join(neg, AND), negated: true };
    }
    return node.not ? { arr: term.arr, negated: !term.negated } : term;
  };
  return node$(tree) ?? { arr: EMPTY, negated: false };
}

/** A set's SQL (one id column, repeats and nulls allowed) aggregated into a sorted, duplicate-free int[]. */
const setArrayAgg = `intarray.uniq(intarray.sort(tailor_ids_agg(s.id) FILTER (WHERE s.id IS NOT NULL)))`;

export interface SetsStatement {
  /** `WITH …` defining y: one row with the arrays, t (the rule's array) and, when needed, everyone. */
  with: string;
  total: SetTerm;
  /** Each condition's count, as an expression over y. */
  counts: string[];
  /** How many independent parts u has (each may run in its own worker). */
  branches: number;
}

/** Sibling conditions on customer_features alone (leaf indexes), combined as their group combines them. */
interface FeatureTerm {
  leaves: number[];
  op: "and" | "or";
}

/** The features conditions of each group, by group, in the tree's leaf numbering. */
function featureTerms(tree: CompiledNode, leaves: ConditionSet[]): FeatureTerm[] {
  const terms: FeatureTerm[] = [];
  const walk = (node: CompiledNode): void => {
    if (node.type === "leaf") return;
    const mine: number[] = [];
    for (const child of node.children) {
      if (child.type === "leaf") {
        if (leaves[child.index]!.features !== undefined) mine.push(child.index);
      } else walk(child);
    }
    if (mine.length > 0) terms.push({ leaves: mine, op: node.op });
  };
  walk(tree);
  return terms;
}

/**
 * The statement part that builds the rule's array once. Conditions on customer_features alone are
 * read in one scan of that table: each group's such conditions become one array (their AND or OR,
 * as the group combines them: one array of the customers they all meet, not one per condition), and
 * each of them is counted alone in the same scan. Every other condition becomes one array (its count
 * is its length).
 */
export function setsStatement(compiled: CompiledRules): SetsStatement {
  const { tree, params } = compiled;
  const leaves = compiled.leaves.map((l, i) => {
    if (!l.set) throw new Error(`Condition ${i} has no set form: check that every leaf has one before building the sets statement.`);
    return l.set;
  });
  const terms = featureTerms(tree, leaves);
  const termOf = new Map<number, number>();
  terms.forEach((t, k) => t.leaves.forEach((i) => termOf.set(i, k)));
  const total = combineSets(tree, (i) => {
    const k = termOf.get(i);
    if (k === undefined) return { arr: `x.a${i}`, negated: leaves[i]!.negated };
    return terms[k]!.leaves[0] === i ? { arr: `x.t${k}`, negated: false } : null;
  });
  const everyone = total.negated || leaves.some((l) => l.negated);
  // Whether a boolean over f holds on a missing row (all nulls): a one-time check.
  const onMissingRow = (b: string) => `(SELECT coalesce((${b}), false) FROM (VALUES (1)) nobody LEFT JOIN customer_features f ON false)`;
  const missing = `NOT EXISTS (SELECT 1 FROM customer_features f WHERE f.customer_id = c.id)`;
  // Conditions that share their term with others are counted alone in the scan.
  const counted = terms.flatMap((t) => (t.leaves.length > 1 ? t.leaves : []));
  const termSql = (t: FeatureTerm) => t.leaves.map((i) => `(${leaves[i]!.features})`).join(t.op === "and" ? " AND " : " OR ");

  // u: one row (k, ids, n) per array or count, each part a branch of one UNION ALL, so that Postgres
  // may run the parts at the same time in parallel workers (Parallel Append) instead of one after
  // another. Keys: leaf i → i; features term k → -1000 - k; a counted leaf i → -2000 - i; everyone → -1.
  const branches: string[] = [];
  leaves.forEach((l, i) => {
    if (l.features === undefined) branches.push(`SELECT ${i} AS k, ${setArrayAgg} AS ids, NULL::bigint AS n FROM (${l.sql}) s(id)`);
  });
  if (terms.length > 0) {
    const columns = [
      ...terms.map((t, k) => `tailor_ids_agg(f.customer_id) FILTER (WHERE ${termSql(t)}) AS t${k}`),
      ...counted.map((i) => `count(*) FILTER (WHERE ${leaves[i]!.features}) AS n${i}`),
    ];
    const rows = [
      ...terms.map((_, k) => `(${-1000 - k}, fs.t${k}, NULL::bigint)`),
      ...counted.map((i) => `(${-2000 - i}, NULL::int[], fs.n${i})`),
    ];
    branches.push(
      `SELECT v.k, v.ids, v.n FROM (SELECT ${columns.join(", ")} FROM customer_features f) fs CROSS JOIN LATERAL (VALUES ${rows.join(", ")}) v(k, ids, n)`,
    );
  }
  if (everyone) branches.push(`SELECT -1, NULL::int[], count(*) FROM customers`);
  if (branches.length === 0) branches.push(`SELECT 0 AS k, NULL::int[] AS ids, NULL::bigint AS n WHERE false`);

  const part = (k: number, column: "ids" | "n") => `(SELECT u.${column} FROM u WHERE u.k = ${k})`;
  const columns: string[] = [];
  leaves.forEach((_, i) => {
    if (!termOf.has(i)) columns.push(`${part(i, "ids")} AS a${i}`);
  });
  terms.forEach((t, k) => {
    // The rows where the term holds, plus the customers without a row when it holds on an all-null
    // one (listed only then: an init plan runs when first needed).
    const withoutRow = `(SELECT tailor_ids_agg(c.id) FROM customers c WHERE ${missing})`;
    const rows = `intarray.sort(${part(-1000 - k, "ids")})`;
    columns.push(`CASE WHEN ${onMissingRow(termSql(t))} THEN ${rows} ${OR} ${withoutRow} ELSE ${rows} END AS t${k}`);
  });
  counted.forEach((i) => columns.push(`${part(-2000 - i, "n")} AS n${i}`));
  if (everyone) columns.push(`${part(-1, "n")}::int AS everyone`);
  const withoutRowCount = `(SELECT count(*) FROM customers c WHERE ${missing})`;
  const counts = leaves.map((l, i) => {
    // A condition alone in its term: the term's array is its set.
    if (termOf.has(i) && !counted.includes(i)) return `intarray.icount(y.t${termOf.get(i)!})`;
    if (termOf.has(i)) return `(y.n${i} + CASE WHEN ${onMissingRow(l.features!)} THEN ${withoutRowCount} ELSE 0 END)`;
    return l.negated ? `(y.everyone - intarray.icount(y.a${i}))` : `intarray.icount(y.a${i})`;
  });
  const parts = `u(k, ids, n) AS MATERIALIZED (${branches.join("\n UNION ALL ")}),
              y AS MATERIALIZED (SELECT x.*, ${total.arr} AS t FROM (SELECT ${columns.length ? columns.join(", ") : "1 AS nothing"} OFFSET 0) x)`;
  return {
    with: `WITH ${params.unusedCte(parts)}${parts}`,
    total,
    counts,
    branches: branches.length,
  };
}
