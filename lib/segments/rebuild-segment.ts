import { db } from "../db";
import { ensureEventRollupKeys, rollupKeysOf } from "./ensure-event-rollup-keys";
import { refreshSegmentMembership } from "./refresh-segment-membership";
import { segmentRulesSchema } from "./schemas";
import { segmentReferenceTime } from "./reference-time";

const SLICES = 20;

/**
 * Recomputes a segment's whole membership slice by slice (progress in segments.build_progress),
 * recording entries and exits. Segments that use it are to be rebuilt after it (the job does).
 */
export async function rebuildSegment(opts: {
  segmentId: string;
  onProgress?: (percent: number) => unknown;
  now?: Date;
}): Promise<{ members: number; entered: number; exited: number }> {
  const { ref } = await segmentReferenceTime({ now: opts.now });
  await db.segment.update({ where: { id: opts.segmentId }, data: { buildStatus: "building", buildProgress: 0, buildError: null } });
  try {
    // Its equality filters on event properties read event_counts from now on (counted once here).
    const { rules } = await db.segment.findUniqueOrThrow({ where: { id: opts.segmentId }, select: { rules: true } });
    await ensureEventRollupKeys({ keys: rollupKeysOf(segmentRulesSchema.parse(rules)) });
    const rows = await db.$queryRawUnsafe<{ lo: number | null; hi: number | null }[]>(`SELECT min(id) AS lo, max(id) AS hi FROM customers`);
    const lo = rows[0]?.lo ?? 0;
    const hi = rows[0]?.hi ?? -1;
    const width = Math.max(1, Math.ceil((hi - lo + 1) / SLICES));
    let entered = 0;
    let exited = 0;
    // Members whose customer rows vanished are removed by the cascade; the slices cover every id.
    for (let from = lo, i = 1; from <= hi; from += width, i++) {
      const change = await refreshSegmentMembership({
        segmentId: opts.segmentId,
        ref,
        cause: "rebuild",
        fromId: from,
        toId: from + width - 1,
      });
      entered += change.entered.length;
      exited += change.exited.length;
      const percent = Math.min(99, Math.round((100 * i) / SLICES));
      await db.segment.update({ where: { id: opts.segmentId }, data: { buildProgress: percent } });
      await opts.onProgress?.(percent);
    }
    const segment = await db.segment.update({
      where: { id: opts.segmentId },
      data: { buildStatus: "idle", buildProgress: 100, builtAt: new Date(), timeCheckedAt: ref },
      select: { memberCount: true },
    });
    if (hi < lo) await refreshSegmentMembership({ segmentId: opts.segmentId, ref, cause: "rebuild" });
    return { members: segment.memberCount, entered, exited };
  } catch (e) {
    await db.segment
      .update({ where: { id: opts.segmentId }, data: { buildStatus: "failed", buildError: e instanceof Error ? e.message : String(e) } })
      .catch(() => undefined);
    throw e;
  }
}
