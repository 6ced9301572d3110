import { UnrecoverableError, type Job } from "bullmq";
import type { z } from "zod";
import { isAppError } from "../lib/errors";
import type { JobContext, JobDefinition } from "../lib/jobs/define-job";

/** The job's payload checked against its schema; a malformed payload is never retried. */
export function parsePayload<S extends z.ZodType>(definition: JobDefinition<S>, job: Job): z.output<S> {
  const parsed = definition.schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`Invalid payload for ${definition.name}: ${parsed.error.message}`);
  return parsed.data;
}

export function jobContext(job: Job, signal?: AbortSignal): JobContext {
  return {
    jobId: job.id ?? "",
    attemptsMade: job.attemptsMade,
    signal,
    progress: (percent) => job.updateProgress(percent),
  };
}

/** Expected errors (missing file, bad format) fail for good; anything else is retried with backoff. */
export function rethrowForQueue(e: unknown): never {
  if (isAppError(e)) throw new UnrecoverableError(e.message);
  throw e;
}
