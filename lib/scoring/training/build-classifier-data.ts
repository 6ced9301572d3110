import { AppError } from "../../errors";
import type { LabelledData } from "../models/dataset";
import { addDays } from "../data/day-bounds";
import { loadFeatures, type CustomerFeatures } from "../data/load-features";
import type { TrainingContext } from "./training-context";

export interface ClassifierData {
  cutoff: string;
  trainCutoff: string;
  train: LabelledData;
  validation: LabelledData;
  /** Features as of the end of the data, for scoring. */
  current: CustomerFeatures;
  asOf: string;
}

/**
 * Training and validation by time: features as of trainCutoff = cutoff − horizon with labels from the
 * horizon after it; features as of the cutoff with labels from the horizon after that. Churn: among
 * customers who bought by each cutoff, 1 = no purchase in the horizon. Propensity: among customers
 * with any order or event, 1 = a purchase (in the category, if given) in the horizon.
 */
export async function buildClassifierData(
  ctx: Pick<TrainingContext, "client" | "window" | "dataEnd" | "timeZone">,
  kind: "churn" | "propensity",
): Promise<ClassifierData> {
  const horizon = ctx.window.horizonDays;
  const cutoff = ctx.window.cutoff ?? addDays(ctx.dataEnd, -horizon);
  const trainCutoff = addDays(cutoff, -horizon);
  const population = kind === "churn" ? "purchasers" : "active";
  const load = (day: string, labelDays?: number) =>
    loadFeatures(ctx.client, {
      cutoff: day,
      timeZone: ctx.timeZone,
      population,
      labelDays,
      category: kind === "propensity" ? ctx.window.category : undefined,
    });
  const label = (f: CustomerFeatures): LabelledData => ({
    x: f.x,
    y: kind === "churn" ? f.bought!.map((b) => 1 - b) : f.bought!,
  });
  const train = label(await load(trainCutoff, horizon));
  const validation = label(await load(cutoff, horizon));
  for (const [name, part, day] of [
    ["training", train, trainCutoff],
    ["validation", validation, cutoff],
  ] as const) {
    const positives = part.y.reduce((s, v) => s + v, 0);
    if (part.x.rows < 20 || positives === 0 || positives === part.x.rows)
      throw new AppError(
        "unprocessable",
        `The ${name} set as of ${day} has ${part.x.rows} customers, ${positives} of them positive: both outcomes must occur. Choose another cutoff (the data ends ${ctx.dataEnd}).`,
        { field: "cutoff" },
      );
  }
  const current = await load(ctx.dataEnd);
  return { cutoff, trainCutoff, train, validation, current, asOf: ctx.dataEnd };
}
