import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { closeQueues } from "../lib/jobs/get-queue";
import { enqueueModelTrain } from "../lib/jobs/model-train-queue";
import { seedScoringData } from "../lib/scoring/data/scoring-fixture";
import { cancelModelRun } from "../lib/scoring/runs/cancel-model-run";
import { createModelRun } from "../lib/scoring/runs/create-model-run";
import { modelWindowSchema } from "../lib/scoring/schemas";
import { startWorkers } from "./start-workers";

const actor = systemActor("system");

async function waitForRun(id: string) {
  for (let i = 0; i < 600; i++) {
    const run = await db.modelRun.findUniqueOrThrow({ where: { id } });
    if (run.status !== "queued" && run.status !== "running") return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} did not finish`);
}

describe("model training through the worker", () => {
  beforeAll(seedScoringData);
  afterAll(closeQueues);

  it("trains a queued run to the end with its progress, then cancels a queued one at once", { timeout: 120_000 }, async () => {
    const cancelled = await createModelRun({ kind: "clv", window: modelWindowSchema.parse({}), actor, trigger: "manual" });
    expect(await cancelModelRun({ id: cancelled.id, actor })).toEqual({ status: "cancelled" });
    await expect(cancelModelRun({ id: cancelled.id, actor })).rejects.toThrow(/nothing to cancel/);

    const workers = startWorkers({ log: () => undefined, schedule: false });
    try {
      const run = await createModelRun({
        kind: "churn",
        window: modelWindowSchema.parse({ cutoff: "2024-09-01" }),
        actor,
        trigger: "manual",
      });
      await enqueueModelTrain(run.id);
      const done = await waitForRun(run.id);
      expect(done).toMatchObject({ status: "succeeded", progress: 100, version: 1 });
      expect(done.metrics).toMatchObject({ chosen: expect.stringMatching(/logistic_regression|gradient_boosting/) });
      expect(await db.customerScore.count({ where: { churnRunId: run.id } })).toBeGreaterThan(100);
      expect((await db.modelRun.findUniqueOrThrow({ where: { id: cancelled.id } })).status).toBe("cancelled");
    } finally {
      await workers.close({ force: true });
    }
  });
});
