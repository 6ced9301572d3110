import { db } from "../db";
import { findAffectedSegments } from "./find-affected-segments";
import { refreshSegmentMembership } from "./refresh-segment-membership";
import { segmentReferenceTime } from "./reference-time";
import { segmentRulesSchema } from "./schemas";
import { SqlParams } from "./sql-params";
import { timeCandidatesSql } from "./time-candidates";

/**
 * Applies the membership changes that time alone causes since each time-based segment was last
 * checked: only customers with a timestamp crossing a window edge are re-evaluated, then the
 * segments that use those segments, for the same customers. Off while the reference date is pinned.
 * Run every few seconds by the worker's scheduler, so a transition happens within a minute of its moment.
 */
export async function tickTimeSegments(
  opts: { now?: Date } = {},
): Promise<{ segments: number; candidates: number; entered: number; exited: number }> {
  const { ref: now, pinned } = await segmentReferenceTime({ now: opts.now });
  const result = { segments: 0, candidates: 0, entered: 0, exited: 0 };
  if (pinned) return result;
  const segments = await db.segment.findMany({
    where: { timeBased: true, buildStatus: "idle" },
    select: { id: true, rules: true, timeCheckedAt: true },
  });
  for (const segment of segments) {
    const prev = segment.timeCheckedAt;
    if (!prev || prev >= now) continue;
    const params = new SqlParams();
    const sql = timeCandidatesSql(segmentRulesSchema.parse(segment.rules), prev, now, params);
    const ids = sql
      ? (
          await db.$queryRawUnsafe<{ id: number }[]>(
            `SELECT DISTINCT customer_id AS id FROM (${sql}) t(customer_id) WHERE customer_id IS NOT NULL`,
            ...params.values,
          )
        ).map((r) => r.id)
      : [];
    result.segments++;
    result.candidates += ids.length;
    if (ids.length > 0) {
      const change = await refreshSegmentMembership({ segmentId: segment.id, ref: now, cause: "time", customerIds: ids });
      result.entered += change.entered.length;
      result.exited += change.exited.length;
      const changed = [...change.entered, ...change.exited];
      if (changed.length > 0) {
        for (const dependent of (await findAffectedSegments({ triggers: [`segment:${segment.id}`] })).filter((s) => s.id !== segment.id)) {
          await refreshSegmentMembership({ segmentId: dependent.id, ref: now, cause: "time", customerIds: changed });
        }
      }
    }
    await db.segment.update({ where: { id: segment.id }, data: { timeCheckedAt: now } });
  }
  return result;
}
