import type { Job } from "bullmq";
import { processTrackingJob } from "../../lib/jobs/process-tracking-job";
import { requestTrackingProcessing } from "../../lib/jobs/request-tracking-processing";
import { jobContext, parsePayload, rethrowForQueue } from "../job-context";

/** Parses the (wake-up) payload, then folds waiting tracking calls into profiles through lib. */
export async function processProcessTracking(job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> {
  const data = parsePayload(processTrackingJob, job);
  const result = (await processTrackingJob.handle(data, jobContext(job, signal)).catch(rethrowForQueue)) as { more?: boolean };
  // A backlog is worked through in a chain of short jobs rather than one long one.
  if (result.more) requestTrackingProcessing("sweep");
  return result;
}
