import { z } from "zod";
import { rebuildSegment } from "../segments/rebuild-segment";
import { db } from "../db";
import { defineJob } from "./define-job";
import { enqueueJob } from "./enqueue-job";

/** Rebuilds one segment's stored membership with progress, then queues the segments that use it. */
export const segmentRebuildJob = defineJob({
  name: "segment-rebuild",
  schema: z.object({ segmentId: z.string().min(1) }),
  concurrency: 1,
  async handle(data, ctx) {
    const exists = await db.segment.findUnique({ where: { id: data.segmentId }, select: { id: true } });
    if (!exists) return { skipped: "deleted" };
    const result = await rebuildSegment({ segmentId: data.segmentId, onProgress: (p) => ctx.progress(p) });
    const dependents = await db.segment.findMany({ where: { dependsOn: { has: data.segmentId } }, select: { id: true } });
    for (const d of dependents) await queueSegmentRebuild({ segmentId: d.id });
    return result;
  },
});

/** Marks the segment queued and queues its rebuild (one pending rebuild per segment at a time). */
export async function queueSegmentRebuild(opts: { segmentId: string }): Promise<void> {
  await db.segment.update({ where: { id: opts.segmentId }, data: { buildStatus: "queued", buildProgress: 0, buildError: null } });
  await enqueueJob({ job: segmentRebuildJob, data: { segmentId: opts.segmentId }, jobId: `rebuild-${opts.segmentId}-${Date.now()}` });
}
