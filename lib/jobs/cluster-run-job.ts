import { z } from "zod";
import { runClusterRun } from "../clustering/runs/run-cluster-run";
import { defineJob } from "./define-job";

/**
 * Computes one clustering run. One attempt: a failed run is marked failed with its reason for the
 * user to fix and start again (a run that died with its worker is marked failed by failStaleRuns).
 */
export const clusterRunJob = defineJob({
  name: "cluster-run",
  schema: z.object({ runId: z.string().min(1) }),
  concurrency: 1,
  async handle(data, ctx) {
    return runClusterRun({ runId: data.runId, signal: ctx.signal, onProgress: (p) => ctx.progress(p) });
  },
});

/** BullMQ options of the run job: no automatic retry (see above). */
export const clusterRunJobOptions = { attempts: 1 } as const;
