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

/**
 * A preview query with memory for the conditions' hashed customer sets (a NOT IN over a set larger
 * than work_mem is probed row by row) and without JIT (compiling the expressions costs ~100 ms, more
 * than it saves on a 1M-row scan), for this query only.
 */
function withPreviewSettings<T>(query: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${PREVIEW_WORK_MEM}'`);
    await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
    return query(tx);
  });
}

/**
 * What the builder shows as the rules change: the count, what each condition alone matches (one
 * pass over the customers with one FILTER per condition), and a sample of members (a second query,
 * run alongside, that stops at the n-th member). Nothing is cached.
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
  // The sample, at the same time on another connection: the first members by id, read in id order
  // (it stops at the n-th member; an ordered array_agg in the count would forbid parallel workers).
  const [countRows, sample] = await Promise.all([
    withPreviewSettings((tx) => tx.$queryRawUnsafe<Record<string, number>[]>(`SELECT ${columns.join(", ")} FROM (${inner}) x`, ...compiled.params.values)),
    sampleSize > 0
      ? withPreviewSettings((tx) =>
          tx.$queryRawUnsafe<{ id: number; email: string | null; first_name: string | null; last_name: string | null; external_id: string | null }[]>(
            `SELECT c.id, c.email, c.first_name, c.last_name,
                    (SELECT i.value FROM identities i WHERE i.customer_id = c.id AND i.type = 'external_id' ORDER BY i.id LIMIT 1) AS external_id
             FROM ${compiled.from} WHERE ${compiled.where} ORDER BY c.id LIMIT ${sampleSize}`,
            ...compiled.params.values,
          ),
        )
      : Promise.resolve([]),
  ]);
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
