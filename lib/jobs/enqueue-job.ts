import type { JobsOptions } from "bullmq";
import type { z } from "zod";
import { AppError } from "../errors";
import type { JobDefinition } from "./define-job";
import { getQueue } from "./get-queue";
import { redisAddress } from "./redis-connection";

const READY_TIMEOUT_MS = 5000;

function redisUnavailable(): AppError {
  return new AppError("unavailable", `Redis is not answering at ${redisAddress()}: the job was not queued. Start Redis and try again.`);
}

/**
 * Adds a job after checking its payload against the job's schema. Fails within seconds, without
 * queuing anything, when Redis is down. Give a deterministic `jobId` when the same work must never be
 * queued twice (BullMQ ignores an id it already holds).
 */
export async function enqueueJob<S extends z.ZodType>(opts: {
  /** Only the name and the payload schema are needed to queue (the handler may live in the worker only). */
  job: Pick<JobDefinition<S>, "name" | "schema">;
  data: z.input<S>;
  jobId?: string;
  options?: Omit<JobsOptions, "jobId">;
}): Promise<string> {
  const data = opts.job.schema.parse(opts.data);
  const queue = getQueue(opts.job.name);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(redisUnavailable()), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([queue.waitUntilReady(), timeout]);
    const added = await queue.add(opts.job.name, data, { ...opts.options, jobId: opts.jobId });
    return added.id ?? opts.jobId ?? "";
  } catch (e) {
    throw e instanceof AppError ? e : redisUnavailable();
  } finally {
    clearTimeout(timer);
  }
}
