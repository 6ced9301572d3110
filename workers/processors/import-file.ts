import type { Job } from "bullmq";
import { importFileJob } from "../../lib/jobs/import-file-job";
import { jobContext, parsePayload, rethrowForQueue } from "../job-context";

/** Parses the payload, then runs the import through lib (same code and progress as the CLI). */
export async function processImportFile(job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> {
  const data = parsePayload(importFileJob, job);
  return importFileJob.handle(data, jobContext(job, signal)).catch(rethrowForQueue);
}
