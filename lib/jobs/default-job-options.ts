import type { DefaultJobOptions } from "bullmq";

/** Every job: retried with backoff, and cleaned up so Redis does not grow without end. */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 10_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 5000 },
};
