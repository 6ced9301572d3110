import { z } from "zod";
import { rebuildCustomerFeatures } from "../features/rebuild-customer-features";
import { db } from "../db";
import { defineJob } from "./define-job";
import type { JobProgress } from "./job-progress";
import { enqueueJob } from "./enqueue-job";
import { getQueue } from "./get-queue";
import { queueSegmentRebuild } from "./segment-rebuild-job";

/** Segments whose membership a rescore can change: they read features or RFM. */
const rescoredSegments = () => db.segment.findMany({ where: { triggers: { hasSome: ["rfm", "features"] } }, select: { id: true } });

/**
 * Rebuilds every customer's features and rescores RFM (a purchase moves everyone's quintile edges),
 * then rebuilds the segments that read features or RFM. Scheduled nightly and run on demand.
 */
export const rfmRescoreJob = defineJob({
  name: "rfm-rescore",
  schema: z.object({}),
  concurrency: 1,
  async handle(_data, ctx) {
    // The feature rebuild is 95 % of the bar; queuing the segments that read it, the rest.
    const result = await rebuildCustomerFeatures({ onProgress: (p) => ctx.progress(Math.min(95, p.percent)), signal: ctx.signal });
    const segments = await rescoredSegments();
    for (const s of segments) await queueSegmentRebuild({ segmentId: s.id });
    await ctx.progress(100);
    return { ...result, segmentsQueued: segments.length };
  },
});

export const RFM_RESCORE_CRON = "15 3 * * *";

export interface RfmRescoreStatus {
  /** idle: never run (or its record expired); queued / running: the job; done / failed: its last run. */
  state: "idle" | "queued" | "running" | "done" | "failed";
  progress: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** Why the last run failed, for the marketer. */
  error: string | null;
  /** Segments that read features or RFM and are still being rebuilt after the rescore. */
  segmentsRebuilding: number;
  /** The newest rescore as every job page shows a job (null: none on record). */
  job: JobProgress | null;
}

const jobStatusOf: Record<Exclude<RfmRescoreStatus["state"], "idle">, JobProgress["status"]> = {
  queued: "queued",
  running: "running",
  done: "succeeded",
  failed: "failed",
};

const jobState = (state: string): Exclude<RfmRescoreStatus["state"], "idle"> =>
  state === "active" ? "running" : state === "completed" ? "done" : state === "failed" ? "failed" : "queued";

/** The newest rescore job (on demand or nightly) and the segments still rebuilding after it. */
export async function getRfmRescoreStatus(): Promise<RfmRescoreStatus> {
  const queue = getQueue(rfmRescoreJob.name);
  // Not "delayed": the nightly scheduler keeps its next run there, which is no rescore under way.
  const jobs = await queue.getJobs(["active", "waiting", "prioritized", "completed", "failed"], 0, 50);
  const job = jobs.filter((j) => j.name === rfmRescoreJob.name).sort((a, b) => b.timestamp - a.timestamp)[0];
  const segments = await rescoredSegments();
  const segmentsRebuilding = segments.length
    ? await db.segment.count({ where: { id: { in: segments.map((s) => s.id) }, buildStatus: { in: ["queued", "building"] } } })
    : 0;
  if (!job) return { state: "idle", progress: 0, startedAt: null, finishedAt: null, error: null, segmentsRebuilding, job: null };
  const state = jobState(await job.getState());
  const progress = state === "done" ? 100 : typeof job.progress === "number" ? job.progress : 0;
  const startedAt = job.processedOn ? new Date(job.processedOn).toISOString() : null;
  const finishedAt = job.finishedOn && (state === "done" || state === "failed") ? new Date(job.finishedOn).toISOString() : null;
  const error = state === "failed" ? job.failedReason || "The rescore failed; the worker's log says why." : null;
  return {
    state,
    progress,
    startedAt,
    finishedAt,
    error,
    segmentsRebuilding,
    job: {
      status: jobStatusOf[state],
      progress,
      phase: progress < 95 ? "Recomputing every customer's features and RFM scores" : "Queuing the segments that read them",
      createdAt: new Date(job.timestamp).toISOString(),
      startedAt,
      finishedAt,
      error,
    },
  };
}

/** Queues a rescore now, unless one is already queued or running (then that one is returned). */
export async function queueRfmRescore(): Promise<RfmRescoreStatus> {
  const current = await getRfmRescoreStatus();
  if (current.state === "queued" || current.state === "running") return current;
  // One attempt: a failed rescore is shown, and the marketer (or the nightly run) retries.
  await enqueueJob({ job: rfmRescoreJob, data: {}, jobId: `rfm-rescore-now-${Date.now()}`, options: { attempts: 1 } });
  return getRfmRescoreStatus();
}
