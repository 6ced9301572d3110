import { enqueueJob } from "./enqueue-job";
import { processTrackingJob } from "./process-tracking-job";

// Each wake-up costs the worker a fixed ~20 ms of CPU (a transaction, settings, the segment hook) however
// few calls it finds: under load, fewer and larger batches leave the cores to the API. The first call
// after a quiet spell still wakes the worker at once (leading edge).
const windowMs = 500;
let lastWindow = -1;
let trailing: NodeJS.Timeout | undefined;

/**
 * Wakes the worker to process newly accepted calls: at most one job per 500 ms window however many
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
