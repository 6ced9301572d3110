import { z } from "zod";
import { enqueueJob } from "./enqueue-job";

/**
 * The clustering queue as the web app sees it: name and payload only. The handler
 * (cluster-run-job.ts) is the worker's: it starts worker threads, which the web bundle must not contain.
 */
export const clusterRunQueue = {
  name: "cluster-run",
  schema: z.object({ runId: z.string().min(1) }),
};

/** Queues a run (job id = run id; one attempt: a failed run is marked failed for the user to start again). */
export async function enqueueClusterRun(runId: string): Promise<void> {
  await enqueueJob({ job: clusterRunQueue, data: { runId }, jobId: runId, options: { attempts: 1 } });
}
