import { db, type Prisma } from "../db";
import { customerDisplayName } from "../customers/display-name";
import { analyzeConsentPurposes, analyzeRules } from "./analyze-rules";
import { checkSegmentCycles } from "./check-segment-cycles";
import { compileRules } from "./compile-rules";
import { consentOptOutDefaults } from "./consent-sql";
import { readKnownFacts } from "./known-facts";
import { setsStatement } from "./set-algebra";
import { segmentReferenceTime } from "./reference-time";
import type { SegmentRules } from "./schemas";

export interface SegmentPreview {
  total: number;
  /** Customers each condition alone matches, keyed by its path in the tree ("0.2"). */
  conditionCounts: Record<string, number>;
  sample: { id: number; name: string; email: string | null }[];
  ref: string;
  ms: number;
}

const PREVIEW_WORK_MEM = "128MB";
const PREVIEW_TIMEOUT_MS = 60_000;
const PARALLEL_APPEND_SETUP_COST = 20_000;
/**
 * From how many parts on: with two, one of them is usually the scan of customer_features, which is
 * faster split over the workers itself (measured at 1M: attribute + feature 210 → 270 ms in parallel
 * append; the nested OR's four parts 338 → 293 ms).
 */
const PARALLEL_APPEND_MIN_BRANCHES = 3;

/**
 * A preview query with memory for the conditions' hashed customer sets (a NOT IN over a set larger
 * than work_mem is probed row by row) and without JIT (compiling the expressions costs ~100 ms, more
 * than it saves on a 1M-row scan), for this query only.
 */
function withPreviewSettings<T>(query: (tx: Prisma.TransactionClient) => Promise<T>, opts: { branches?: number } = {}): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${PREVIEW_WORK_MEM}'`);
      await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
      // Several independent parts (the sets form's branches): one Gather running them side by side
      // (Parallel Append) is worth more than a Gather inside each part, which the planner prefers when
      // starting workers looks cheap.
      if ((opts.branches ?? 0) >= PARALLEL_APPEND_MIN_BRANCHES)
        await tx.$executeRawUnsafe(`SET LOCAL parallel_setup_cost = ${PARALLEL_APPEND_SETUP_COST}`);
      return query(tx);
    },
    // Prisma's default (5 s) would abort a slow preview on a large, busy installation: the builder
    // drops stale requests itself.
    { timeout: PREVIEW_TIMEOUT_MS, maxWait: PREVIEW_TIMEOUT_MS },
  );
}

/**
 * What the builder shows as the rules change: the count, what each condition alone matches, and a
 * sample of the first members by id, in the cheapest form for the conditions (below; decision 051).
 * Nothing is cached.
 */
export async function previewSegment(opts: {
  rules: SegmentRules;
  segmentId?: string;
  sampleSize?: number;
  now?: Date;
}): Promise<SegmentPreview> {
  const started = performance.now();
  await checkSegmentCycles({ segmentId: opts.segmentId, dependsOn: analyzeRules(opts.rules).dependsOn });
  const { ref } = await segmentReferenceTime({ now: opts.now });
  const [consentOptOut, known] = await Promise.all([consentOptOutDefaults(analyzeConsentPurposes(opts.rules)), readKnownFacts(ref)]);
  const compiled = compileRules(opts.rules, { ref, consentOptOut, known });
  const sampleSize = Math.max(0, Math.min(100, Math.trunc(opts.sampleSize ?? 20)));
  // Conditions read from customers' or customer_features' columns alone need no subqueries.
  const hasSubqueries = compiled.leaves.some((l) => l.on === "subquery");
  type Person = { id: number; email: string | null; first_name: string | null; last_name: string | null; external_id: string | null };
  const person = `c.id, c.email, c.first_name, c.last_name,
                  (SELECT i.value FROM identities i WHERE i.customer_id = c.id AND i.type = 'external_id' ORDER BY i.id LIMIT 1) AS external_id`;
  let countRows: Record<string, unknown>[] = [];
  let sample: Person[] = [];
  // The rule is its single condition (no NOT, no empty group): its count is the total.
  const justOneCondition = compiled.leaves.length === 1 && compiled.combine(() => "L").replace(/[()]/g, "") === "L";
  // Each condition has a set form: the rule is counted from the conditions' customer sets (a single
  // profile or features condition is counted more cheaply from its table and indexes, below).
  const bySets = (hasSubqueries || !justOneCondition) && compiled.leaves.every((l) => l.set);
  if (bySets) {
    // Each condition's customers become one sorted int[] (built once; its length is the condition's
    // count), and the tree is set algebra on those arrays (intersections, unions, differences in C,
    // linear in the arrays' sizes): nothing is evaluated per customer for customers no condition
    // names (decision 051). Complements stay symbolic: a negated result counts as everyone minus it.
    const sets = setsStatement(compiled);
    const total = sets.total.negated ? `(y.everyone - intarray.icount(y.t))` : `intarray.icount(y.t)`;
    const columns = [`${total}::int AS total`, ...sets.counts.map((count, i) => `${count}::int AS c${i}`)];
    if (sampleSize > 0) {
      columns.push(
        sets.total.negated
          ? // The first customers by id outside the array: one hashed anti-join, stopped at the n-th.
            `array(SELECT c.id FROM customers c WHERE c.id NOT IN (SELECT unnest(t) FROM y) ORDER BY c.id LIMIT ${sampleSize}) AS sample_ids`
          : `intarray.subarray(y.t, 1, ${sampleSize}) AS sample_ids`,
      );
    }
    countRows = await withPreviewSettings(
      (tx) => tx.$queryRawUnsafe<Record<string, unknown>[]>(`${sets.with} SELECT ${columns.join(", ")} FROM y`, ...compiled.params.values),
      { branches: sets.branches },
    );
  } else if (hasSubqueries && !justOneCondition) {
    // One pass: each condition is computed once per customer (as a column), then the total and each
    // condition's count are aggregated from those columns, and the first members by id kept (a
    // second query would build every condition's customer set again: at 1M customers, seconds of CPU).
    // OFFSET 0 keeps Postgres from inlining the leaf columns into every FILTER that reads them: it
    // would then build each condition's hashed subquery once per reference (3–4 times), not once.
    const leafColumns = compiled.leaves.map((l, i) => `(${l.sql}) AS l${i}`);
    const matched = compiled.combine((i) => `x.l${i}`);
    const columns = [
      `count(*) FILTER (WHERE ${matched})::int AS total`,
      ...compiled.leaves.map((_, i) => `count(*) FILTER (WHERE x.l${i})::int AS c${i}`),
    ];
    const inner = `SELECT c.id${leafColumns.map((col) => `, ${col}`).join("")} FROM ${compiled.from} OFFSET 0`;
    const sampleIds = sampleSize > 0 ? `, (array_agg(x.id ORDER BY x.id) FILTER (WHERE ${matched}))[1:${sampleSize}] AS sample_ids` : "";
    countRows = await withPreviewSettings((tx) =>
      tx.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT ${columns.join(", ")}${sampleIds} FROM (${inner}) x`,
        ...compiled.params.values,
      ),
    );
  } else if (hasSubqueries) {
    // Its count is the total, counted as a WHERE, so that Postgres reads the
    // condition's customer set (a semi-join) rather than probing it for every customer.
    const sampleIds = sampleSize > 0 ? `, (array_agg(c.id ORDER BY c.id))[1:${sampleSize}] AS sample_ids` : "";
    countRows = await withPreviewSettings((tx) =>
      tx.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT count(*)::int AS total, count(*)::int AS c0${sampleIds} FROM ${compiled.from} WHERE ${compiled.filter}`,
        ...compiled.params.values,
      ),
    );
  }
  if (bySets || hasSubqueries) {
    const ids = (countRows[0]?.sample_ids as number[] | null) ?? [];
    sample = ids.length
      ? await db.$queryRawUnsafe<Person[]>(`SELECT ${person} FROM customers c WHERE c.id = ANY($1::int[]) ORDER BY c.id`, ids)
      : [];
  } else {
    // One condition on customers' or customer_features' columns: the total as a
    // WHERE (a strict feature condition joins customer_features instead of left-joining everyone to
    // it), and each condition alone over its own table (a features condition over customer_features
    // and its indexes, plus the customers without a features row when a missing row meets it), in
    // one statement (one snapshot) whose parts may run in parallel workers. The sample, on another
    // connection at the same time, reads customers in id order and stops at the n-th member.
    const missing = `((SELECT count(*) FROM customers) - (SELECT count(*) FROM customer_features))`;
    const leafCounts = compiled.leaves.map((l, i) =>
      l.on === "customers"
        ? `(SELECT count(*) FROM customers c WHERE ${l.rawSql})::int AS c${i}`
        : `((SELECT count(*) FROM customer_features f WHERE ${l.rawSql})
            + CASE WHEN (SELECT ${l.sql} FROM (VALUES (1)) nobody LEFT JOIN customer_features f ON false) THEN ${missing} ELSE 0 END)::int AS c${i}`,
    );
    [countRows, sample] = await Promise.all([
      withPreviewSettings((tx) =>
        tx.$queryRawUnsafe<Record<string, unknown>[]>(
          `SELECT (SELECT count(*) FROM ${compiled.from} WHERE ${compiled.filter})::int AS total${leafCounts.map((c) => `, ${c}`).join("")}`,
          ...compiled.params.values,
        ),
      ),
      sampleSize > 0
        ? withPreviewSettings((tx) =>
            tx.$queryRawUnsafe<Person[]>(
              `SELECT ${person} FROM ${compiled.from} WHERE ${compiled.filter} ORDER BY c.id LIMIT ${sampleSize}`,
              ...compiled.params.values,
            ),
          )
        : Promise.resolve([]),
    ]);
  }
  const row: Record<string, unknown> = countRows[0] ?? {};
  const conditionCounts: Record<string, number> = {};
  compiled.leaves.forEach((l, i) => {
    conditionCounts[l.path.join(".")] = Number(row[`c${i}`] ?? 0);
  });
  return {
    total: Number(row.total ?? 0),
    conditionCounts,
    sample: sample.map((c) => ({
      id: c.id,
      email: c.email,
      name: customerDisplayName({ id: c.id, firstName: c.first_name, lastName: c.last_name, email: c.email, externalId: c.external_id }),
    })),
    ref: ref.toISOString(),
    ms: Math.round(performance.now() - started),
  };
}
