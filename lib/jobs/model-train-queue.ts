import { z } from "zod";
import { enqueueJob } from "./enqueue-job";

/** The model training queue as the web app sees it: name and payload only (the handler is the worker's). */
export const modelTrainQueue = {
  name: "model-train",
  schema: z.object({ runId: z.string().min(1) }),
};

/** Queues a training run (job id = run id; one attempt: a failed run is marked failed for the user to start again). */
export async function enqueueModelTrain(runId: string): Promise<void> {
  await enqueueJob({ job: modelTrainQueue, data: { runId }, jobId: runId, options: { attempts: 1 } });
}
