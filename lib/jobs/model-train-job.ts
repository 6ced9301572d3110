import { systemActor } from "../audit/write-audit-log";
import { createModelRun } from "../scoring/runs/create-model-run";
import { runModelRun } from "../scoring/runs/run-model-run";
import { windowsToTrain } from "../scoring/runs/propensity-category";
import { modelKinds } from "../scoring/schemas";
import { z } from "zod";
import { defineJob } from "./define-job";
import { modelTrainQueue } from "./model-train-queue";

/** Trains one model run (worker only); progress goes to the job and the run row. */
export const modelTrainJob = defineJob({
  ...modelTrainQueue,
  concurrency: 1,
  async handle(data, ctx) {
    const out = await runModelRun({ runId: data.runId, signal: ctx.signal, onProgress: (p) => ctx.progress(p) });
    return { status: out.status };
  },
});

/** The nightly schedule: one run of every model, one after the other, as the system (propensity: one per category it has a model for). */
export const modelTrainNightlyJob = defineJob({
  name: "model-train-nightly",
  schema: z.object({}),
  concurrency: 1,
  async handle(_data, ctx) {
    const statuses: Record<string, string> = {};
    const fail = (e: unknown) => ({ status: `failed: ${e instanceof Error ? e.message : String(e)}` });
    for (const [i, kind] of modelKinds.entries()) {
      const windows = await windowsToTrain(kind).catch((e: unknown) => e);
      if (!Array.isArray(windows)) statuses[kind] = fail(windows).status;
      else
        for (const window of windows) {
          const name = kind === "propensity" && window.category ? `${kind}:${window.category}` : kind;
          statuses[name] = (
            await createModelRun({ kind, window, actor: systemActor("worker"), trigger: "schedule" })
              .then((run) => runModelRun({ runId: run.id, signal: ctx.signal }))
              .catch(fail)
          ).status;
        }
      await ctx.progress(Math.round(((i + 1) / modelKinds.length) * 100));
    }
    return statuses;
  },
});

export const MODEL_TRAIN_CRON = "45 3 * * *";
