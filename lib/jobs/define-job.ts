import type { z } from "zod";

/** What a job's handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  /** Attempts already made before this one (0 on the first run). */
  attemptsMade: number;
  /** Aborted when the worker is told to cancel the job. */
  signal?: AbortSignal;
  /** Reports progress (0–100) to the queue. */
  progress(percent: number): Promise<void>;
}

/**
 * A job is data: its queue name, the zod schema of its payload (ids only, never personal data), and
 * the lib/ function that handles it. The worker parses `job.data` with the schema before calling `handle`.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType, R = unknown> {
  name: string;
  schema: S;
  /** Jobs of this kind a worker process runs at once (default 1). */
  concurrency?: number;
  /** BullMQ's lock (ms) on a running job; "lease" = CAMPAIGN_LEASE_MS. Default 30 s. */
  lockDuration?: number | "lease";
  /** Its result is what the queue records as the job's return value (and what its processor may read). */
  handle(data: z.output<S>, ctx: JobContext): Promise<R>;
}

export function defineJob<S extends z.ZodType, R>(definition: JobDefinition<S, R>): JobDefinition<S, R> {
  return definition;
}
