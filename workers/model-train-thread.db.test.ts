import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { closeQueues, getQueue } from "../lib/jobs/get-queue";
import { enqueueModelTrain, modelTrainQueue } from "../lib/jobs/model-train-queue";
import { seedScoringData } from "../lib/scoring/data/scoring-fixture";
import { createModelRun } from "../lib/scoring/runs/create-model-run";
import { modelWindowSchema } from "../lib/scoring/schemas";
import { startWorkers } from "./start-workers";

describe("a training job with its fit in the training thread", () => {
  beforeAll(seedScoringData);
  afterAll(closeQueues);

  it("a queued training job completes through the worker, reporting progress to the job and the run", { timeout: 120_000 }, async () => {
    const workers = startWorkers({ log: () => undefined, schedule: false });
    try {
      const run = await createModelRun({
        kind: "clv",
        window: modelWindowSchema.parse({}),
        actor: systemActor("system"),
        trigger: "manual",
      });
      await enqueueModelTrain(run.id);
      const queue = getQueue(modelTrainQueue.name);
      let state = "";
      for (let i = 0; i < 600 && state !== "completed" && state !== "failed"; i++) {
        state = (await (await queue.getJob(run.id))?.getState()) ?? "";
        if (state !== "completed") await new Promise((r) => setTimeout(r, 100));
      }
      expect(state).toBe("completed");
      expect((await queue.getJob(run.id))?.progress).toBe(100);
      const done = await db.modelRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(done).toMatchObject({ status: "succeeded", progress: 100, phase: "done" });
      expect(done.params).toMatchObject({ bgnbd: { r: expect.any(Number), alpha: expect.any(Number) } });
    } finally {
      await workers.close({ force: true });
    }
  });
});
