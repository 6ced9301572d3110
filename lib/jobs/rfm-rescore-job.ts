import { z } from "zod";
import { rebuildCustomerFeatures } from "../features/rebuild-customer-features";
import { db } from "../db";
import { defineJob } from "./define-job";
import { queueSegmentRebuild } from "./segment-rebuild-job";

/**
 * Rebuilds every customer's features and rescores RFM (a purchase moves everyone's quintile edges),
 * then rebuilds the segments that read features or RFM. Scheduled nightly and run on demand.
 */
export const rfmRescoreJob = defineJob({
  name: "rfm-rescore",
  schema: z.object({}),
  concurrency: 1,
  async handle(_data, ctx) {
    const result = await rebuildCustomerFeatures({ onProgress: (p) => ctx.progress(p.percent), signal: ctx.signal });
    const segments = await db.segment.findMany({ where: { triggers: { hasSome: ["rfm", "features"] } }, select: { id: true } });
    for (const s of segments) await queueSegmentRebuild({ segmentId: s.id });
    return { ...result, segmentsQueued: segments.length };
  },
});

export const RFM_RESCORE_CRON = "15 3 * * *";
