import { db } from "../db";
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
 * What the builder shows as the rules change: the count, what each condition alone matches (one
 * pass over the customers with one FILTER per condition), and a sample of members. Nothing is cached.
 */
export async function previewSegment(opts: { rules: SegmentRules; segmentId?: string; sampleSize?: number; now?: Date }): Promise<SegmentPreview> {
  const started = performance.now();
  await checkSegmentCycles({ segmentId: opts.segmentId, dependsOn: analyzeRules(opts.rules).dependsOn });
  const { ref } = await segmentReferenceTime({ now: opts.now });
  const compiled = compileRules(opts.rules, { ref });
  const sampleSize = Math.max(0, Math.min(100, Math.trunc(opts.sampleSize ?? 20)));
  // One pass: each condition is computed once per customer (as a column), then the total, each
  // condition's count and the first sample ids are aggregated from those columns.
  const leafColumns = compiled.leaves.map((l, i) => `(${l.sql}) AS l${i}`);
  const matched = compiled.combine((i) => `x.l${i}`);
  const columns = [
    `count(*) FILTER (WHERE ${matched})::int AS total`,
    ...compiled.leaves.map((_, i) => `count(*) FILTER (WHERE x.l${i})::int AS c${i}`),
    ...(sampleSize > 0 ? [`(array_agg(x.id ORDER BY x.id) FILTER (WHERE ${matched}))[1:${sampleSize}] AS sample`] : []),
  ];
  const inner = `SELECT c.id${leafColumns.map((col) => `, ${col}`).join("")} FROM ${compiled.from}`;
  // Memory for the hashed customer sets of the conditions (a NOT IN over a set larger than work_mem
  // would be probed row by row), for this query only.
  const countRows = await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${PREVIEW_WORK_MEM}'`);
    // JIT compiling the expressions costs ~100 ms per preview, more than it saves on a 1M-row scan.
    await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
    return tx.$queryRawUnsafe<(Record<string, number> & { sample?: number[] | null })[]>(`SELECT ${columns.join(", ")} FROM (${inner}) x`, ...compiled.params.values);
  });
  const sampleIds = countRows[0]?.sample ?? [];
  const sample =
    sampleIds.length > 0
      ? await db.$queryRawUnsafe<{ id: number; email: string | null; first_name: string | null; last_name: string | null; external_id: string | null }[]>(
          `SELECT c.id, c.email, c.first_name, c.last_name,
                  (SELECT i.value FROM identities i WHERE i.customer_id = c.id AND i.type = 'external_id' ORDER BY i.id LIMIT 1) AS external_id
           FROM customers c WHERE c.id = ANY($1::int[]) ORDER BY c.id`,
          sampleIds,
        )
      : [];
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
