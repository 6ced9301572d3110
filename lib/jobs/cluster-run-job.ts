import { runClusterRun } from "../clustering/runs/run-cluster-run";
import { clusterRunQueue } from "./cluster-run-queue";
import { defineJob } from "./define-job";

/**
 * Computes one clustering run (worker only). One attempt: a failed run is marked failed with its
 * reason; a run that died with its worker is marked failed by failStaleRuns.
 */
export const clusterRunJob = defineJob({
  ...clusterRunQueue,
  concurrency: 1,
  async handle(data, ctx) {
    return runClusterRun({ runId: data.runId, signal: ctx.signal, onProgress: (p) => ctx.progress(p) });
  },
});
