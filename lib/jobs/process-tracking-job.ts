import { z } from "zod";
import { processTrackingEvents } from "../identity/process-tracking-events";
import { defineJob } from "./define-job";

/**
 * Folds accepted tracking calls into profiles. The payload is only a wake-up: the calls themselves
 * wait in tracking_events (committed before the API answered), so a lost job loses nothing — the
 * worker also sweeps every few seconds and when it starts.
 */
export const processTrackingJob = defineJob({
  name: "process-tracking",
  schema: z.object({ reason: z.enum(["ingest", "sweep", "start"]).default("ingest") }),
  concurrency: 1,
  async handle() {
    return processTrackingEvents();
  },
});
