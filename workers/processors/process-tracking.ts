import type { Job } from "bullmq";
import { processTrackingJob } from "../../lib/jobs/process-tracking-job";
import { jobContext, parsePayload, rethrowForQueue } from "../job-context";

/** Parses the (wake-up) payload, then folds waiting tracking calls into profiles through lib; says when segments lag behind. */
export async function processProcessTracking(job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> {
  const data = parsePayload(processTrackingJob, job);
  const result = await processTrackingJob.handle(data, jobContext(job, signal)).catch(rethrowForQueue);
  for (const error of result.segmentRefreshErrors) console.error(error);
  return result;
}
