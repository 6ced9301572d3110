import { db } from "../db";
import { customerDisplayName } from "../customers/display-name";
import { analyzeRules } from "./analyze-rules";
import { checkSegmentCycles } from "./check-segment-cycles";
import { SEGMENT_FROM, compileRules } from "./compile-rules";
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

/**
 * What the builder shows as the rules change: the count, what each condition alone matches (one
 * pass over the customers with one FILTER per condition), and a sample of members. Nothing is cached.
 */
export async function previewSegment(opts: { rules: SegmentRules; segmentId?: string; sampleSize?: number; now?: Date }): Promise<SegmentPreview> {
  const started = performance.now();
  await checkSegmentCycles({ segmentId: opts.segmentId, dependsOn: analyzeRules(opts.rules).dependsOn });
  const { ref } = await segmentReferenceTime({ now: opts.now });
  const compiled = compileRules(opts.rules, { ref });
  const counts = [`count(*) FILTER (WHERE ${compiled.where})::int AS total`, ...compiled.leaves.map((l, i) => `count(*) FILTER (WHERE ${l.sql})::int AS c${i}`)];
  const sampleSize = opts.sampleSize ?? 20;
  const [countRows, sample] = await Promise.all([
    db.$queryRawUnsafe<Record<string, number>[]>(`SELECT ${counts.join(", ")} FROM ${SEGMENT_FROM}`, ...compiled.params.values),
    sampleSize > 0
      ? db.$queryRawUnsafe<{ id: number; email: string | null; first_name: string | null; last_name: string | null; external_id: string | null }[]>(
          `SELECT c.id, c.email, c.first_name, c.last_name,
                  (SELECT i.value FROM identities i WHERE i.customer_id = c.id AND i.type = 'external_id' ORDER BY i.id LIMIT 1) AS external_id
           FROM ${SEGMENT_FROM} WHERE ${compiled.where} ORDER BY c.id LIMIT ${Number(sampleSize)}`,
          ...compiled.params.values,
        )
      : Promise.resolve([]),
  ]);
  const row = countRows[0] ?? {};
  const conditionCounts: Record<string, number> = {};
  compiled.leaves.forEach((l, i) => {
    conditionCounts[l.path.join(".")] = row[`c${i}`] ?? 0;
  });
  return {
    total: row.total ?? 0,
    conditionCounts,
    sample: sample.map((c) => ({ id: c.id, email: c.email, name: customerDisplayName({ id: c.id, firstName: c.first_name, lastName: c.last_name, email: c.email, externalId: c.external_id }) })),
    ref: ref.toISOString(),
    ms: Math.round(performance.now() - started),
  };
}
