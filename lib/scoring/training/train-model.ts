import type pg from "pg";
import { getSettings, referenceNow } from "../../settings/get-settings";
import { readDataEnd } from "../data/day-bounds";
import type { ModelKind, ModelWindow } from "../schemas";
import { fitInThread } from "./fit-in-thread";
import { trainClassifier } from "./train-classifier";
import { trainClv } from "./train-clv";
import { trainRecommendations } from "./train-recommendations";
import type { TrainingContext, TrainingResult } from "./training-context";

/** Trains one kind of model from what the database holds (no writes); the fitting runs in a worker thread. */
export async function trainModel(opts: {
  client: pg.ClientBase;
  kind: ModelKind;
  window: ModelWindow;
  progress?: TrainingContext["progress"];
  checkCancelled?: () => void;
  /** Aborting it stops a fit in progress (the training thread is terminated). */
  signal?: AbortSignal;
}): Promise<TrainingResult> {
  const { timeZone, lastPurchaseDay } = await readDataEnd(opts.client, referenceNow(await getSettings()));
  const ctx: TrainingContext = {
    client: opts.client,
    window: opts.window,
    dataEnd: lastPurchaseDay,
    timeZone,
    progress: opts.progress ?? (() => undefined),
    checkCancelled: opts.checkCancelled ?? (() => undefined),
    fit: (task, input) => fitInThread(task, input, { signal: opts.signal, progress: ctx.progress }),
  };
  if (opts.kind === "clv") return trainClv(ctx);
  if (opts.kind === "recommendations") return trainRecommendations(ctx);
  return trainClassifier(ctx, opts.kind);
}
