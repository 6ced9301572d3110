import type { Job } from "bullmq";
import type { JobDefinition } from "../../lib/jobs/define-job";
import { jobContext, parsePayload, rethrowForQueue } from "../job-context";

/** The processor of a segment job: parse the payload with the job's schema, call its lib/ handler. */
export function segmentJobProcessor(definition: JobDefinition) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> => {
    const data = parsePayload(definition, job);
    return definition.handle(data, jobContext(job, signal)).catch(rethrowForQueue);
  };
}
