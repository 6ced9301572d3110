import type pg from "pg";
import { getSettings, referenceNow } from "../../settings/get-settings";
import { readDataEnd } from "../data/day-bounds";
import type { ModelKind, ModelWindow } from "../schemas";
import { trainClassifier } from "./train-classifier";
import { trainClv } from "./train-clv";
import { trainRecommendations } from "./train-recommendations";
import type { TrainingContext, TrainingResult } from "./training-context";

/** Trains one kind of model from what the database holds (no writes). */
export async function trainModel(opts: {
  client: pg.ClientBase;
  kind: ModelKind;
  window: ModelWindow;
  progress?: TrainingContext["progress"];
  checkCancelled?: () => void;
}): Promise<TrainingResult> {
  const { timeZone, lastPurchaseDay } = await readDataEnd(opts.client, referenceNow(await getSettings()));
  const ctx: TrainingContext = {
    client: opts.client,
    window: opts.window,
    dataEnd: lastPurchaseDay,
    timeZone,
    progress: opts.progress ?? (() => undefined),
    checkCancelled: opts.checkCancelled ?? (() => undefined),
  };
  if (opts.kind === "clv") return trainClv(ctx);
  if (opts.kind === "recommendations") return trainRecommendations(ctx);
  return trainClassifier(ctx, opts.kind);
}
