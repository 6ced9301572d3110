import { enqueueJob } from "./enqueue-job";
import { processTrackingJob } from "./process-tracking-job";

const windowMs = 100;
let lastWindow = -1;
let trailing: NodeJS.Timeout | undefined;

/**
 * Wakes the worker to process newly accepted calls: at most one job per 100 ms window however many
 * calls arrive (a deterministic job id per window), with a trailing wake-up so the last calls are
 * not left waiting for the sweep. Never throws: with Redis down the calls are safe in Postgres and
 * the worker's sweep picks them up.
 */
export function requestTrackingProcessing(reason: "ingest" | "sweep" | "start" = "ingest"): void {
  const window = Math.floor(Date.now() / windowMs);
  if (window === lastWindow) {
    trailing ??= setTimeout(() => {
      trailing = undefined;
      requestTrackingProcessing(reason);
    }, windowMs).unref();
    return;
  }
  lastWindow = window;
  enqueueJob({
    job: processTrackingJob,
    data: { reason },
    jobId: `${reason}-${window}`,
    options: { removeOnComplete: true, removeOnFail: true, attempts: 3, backoff: { type: "fixed", delay: 500 } },
  }).catch(() => undefined);
}
