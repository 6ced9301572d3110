import { db, type Prisma } from "../db";
import { customerDisplayName } from "../customers/display-name";
import { analyzeRules } from "./analyze-rules";
import { checkSegmentCycles } from "./check-segment-cycles";
import { compileRules } from "./compile-rules";
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

/**
 * A preview query with memory for the conditions' hashed customer sets (a NOT IN over a set larger
 * than work_mem is probed row by row) and without JIT (compiling the expressions costs ~100 ms, more
 * than it saves on a 1M-row scan), for this query only.
 */
function withPreviewSettings<T>(query: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${PREVIEW_WORK_MEM}'`);
      await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
      return query(tx);
    },
    // Prisma's default (5 s) would abort a slow preview on a large, busy installation: the builder
    // drops stale requests itself.
    { timeout: PREVIEW_TIMEOUT_MS, maxWait: PREVIEW_TIMEOUT_MS },
  );
}

/**
 * What the builder shows as the rules change: the count, what each condition alone matches (one
 * pass over the customers with one FILTER per condition), and a sample of the first members by id
 * (kept by that pass when conditions have subqueries, else a second query run alongside that stops
 * at the n-th member). Nothing is cached.
 */
export async function previewSegment(opts: { rules: SegmentRules; segmentId?: string; sampleSize?: number; now?: Date }): Promise<SegmentPreview> {
  const started = performance.now();
  await checkSegmentCycles({ segmentId: opts.segmentId, dependsOn: analyzeRules(opts.rules).dependsOn });
  const { ref } = await segmentReferenceTime({ now: opts.now });
  const compiled = compileRules(opts.rules, { ref });
  const sampleSize = Math.max(0, Math.min(100, Math.trunc(opts.sampleSize ?? 20)));
  // One pass: each condition is computed once per customer (as a column), then the total and each
  // condition's count are aggregated from those columns. Only parallel-safe aggregates (count), so
  // Postgres may split the scan over parallel workers.
  const leafColumns = compiled.leaves.map((l, i) => `(${l.sql}) AS l${i}`);
  const matched = compiled.combine((i) => `x.l${i}`);
  const columns = [`count(*) FILTER (WHERE ${matched})::int AS total`, ...compiled.leaves.map((_, i) => `count(*) FILTER (WHERE x.l${i})::int AS c${i}`)];
  // OFFSET 0 keeps Postgres from inlining the leaf columns into every FILTER that reads them: it
  // would then build each condition's hashed subquery once per reference (3–4 times), not once.
  // Without subqueries (attributes, features, RFM) there is nothing to repeat, and the fence would
  // only stop a parallel aggregate.
  const hasSubqueries = compiled.leaves.some((l) => !["attribute", "feature", "rfm"].includes(l.condition.kind));
  const inner = `SELECT c.id${leafColumns.map((col) => `, ${col}`).join("")} FROM ${compiled.from}${hasSubqueries ? " OFFSET 0" : ""}`;
  type Person = { id: number; email: string | null; first_name: string | null; last_name: string | null; external_id: string | null };
  const person = `c.id, c.email, c.first_name, c.last_name,
                  (SELECT i.value FROM identities i WHERE i.customer_id = c.id AND i.type = 'external_id' ORDER BY i.id LIMIT 1) AS external_id`;
  let countRows: Record<string, unknown>[];
  let sample: Person[];
  if (hasSubqueries && sampleSize > 0) {
    // The pass that counts (already fenced, never parallel) also keeps the first members by id: a
    // second query would build every condition's customer set again (at 1M customers, seconds of CPU).
    countRows = await withPreviewSettings((tx) =>
      tx.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT ${columns.join(", ")}, (array_agg(x.id ORDER BY x.id) FILTER (WHERE ${matched}))[1:${sampleSize}] AS sample_ids FROM (${inner}) x`,
        ...compiled.params.values,
      ),
    );
    const ids = (countRows[0]?.sample_ids as number[] | null) ?? [];
    sample = ids.length ? await db.$queryRawUnsafe<Person[]>(`SELECT ${person} FROM customers c WHERE c.id = ANY($1::int[]) ORDER BY c.id`, ids) : [];
  } else {
    // Without subqueries the count may run in parallel workers (only parallel-safe aggregates), and
    // the sample, on another connection at the same time, reads customers in id order and stops at
    // the n-th member.
    [countRows, sample] = await Promise.all([
      withPreviewSettings((tx) => tx.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${columns.join(", ")} FROM (${inner}) x`, ...compiled.params.values)),
      sampleSize > 0
        ? withPreviewSettings((tx) =>
            tx.$queryRawUnsafe<Person[]>(`SELECT ${person} FROM ${compiled.from} WHERE ${compiled.where} ORDER BY c.id LIMIT ${sampleSize}`, ...compiled.params.values),
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
    sample: sample.map((c) => ({ id: c.id, email: c.email, name: customerDisplayName({ id: c.id, firstName: c.first_name, lastName: c.last_name, email: c.email, externalId: c.external_id }) })),
    ref: ref.toISOString(),
    ms: Math.round(performance.now() - started),
  };
}
