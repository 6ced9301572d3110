import { brierScore, calibrationCurve, liftByDecile, rocAuc, thresholdMetrics } from "../models/classification-metrics";
import { fitHistGradientBoosting, predictBoosting, type BoostingModel } from "../models/hist-gradient-boosting";
import { fitLogisticRegression, logisticImportance, predictLogistic, type LogisticModel } from "../models/logistic-regression";
import type { FeatureMatrix, LabelledData } from "../models/dataset";
import { buildClassifierData } from "./build-classifier-data";
import type { TrainingContext, TrainingResult } from "./training-context";

export type ClassifierModel = LogisticModel | BoostingModel;

export function predictClassifier(model: ClassifierModel, x: FeatureMatrix): Float64Array {
  return model.kind === "logistic_regression" ? predictLogistic(model, x) : predictBoosting(model, x);
}

/** Validation metrics of one fitted model on held-out rows. */
export function evaluateClassifier(model: ClassifierModel, data: LabelledData) {
  const scores = predictClassifier(model, data.x);
  const importance =
    model.kind === "logistic_regression"
      ? logisticImportance(model)
      : model.names.map((feature, j) => ({ feature, importance: model.importance[j]! }));
  let positives = 0;
  for (let i = 0; i < data.y.length; i++) positives += data.y[i]!;
  return {
    auc: rocAuc(scores, data.y),
    rows: data.y.length,
    positiveRate: positives / Math.max(data.y.length, 1),
    brier: brierScore(scores, data.y),
    atHalf: thresholdMetrics(scores, data.y, 0.5),
    calibration: calibrationCurve(scores, data.y, 10),
    lift: liftByDecile(scores, data.y),
    importance: importance.sort((a, b) => b.importance - a.importance),
  };
}

/**
 * Churn or purchase propensity: logistic regression and histogram gradient-boosted trees trained on
 * the earlier window and validated on the later one; the one with the higher validation AUC scores
 * every customer as of the end of the data. The fitting runs in the training thread (ctx.fit).
 */
export async function trainClassifier(ctx: TrainingContext, kind: "churn" | "propensity"): Promise<TrainingResult> {
  ctx.progress("Computing features as of both cutoffs", 5);
  const data = await buildClassifierData(ctx, kind);
  ctx.checkCancelled();
  const fitted = await ctx.fit("classifier", { train: data.train, validation: data.validation, current: data.current.x });
  return {
    window: {
      cutoff: data.cutoff,
      trainCutoff: data.trainCutoff,
      horizonDays: ctx.window.horizonDays,
      scoredAsOf: data.asOf,
      category: ctx.window.category ?? null,
    },
    params: fitted.params,
    metrics: fitted.metrics,
    trainingRows: data.train.y.length,
    scores: { customerIds: data.current.customerIds, columns: { [kind === "churn" ? "churn_probability" : "propensity"]: fitted.scores } },
  };
}

/**
 * The computation of trainClassifier (no database: it runs in the training thread): both models
 * fitted on the training rows, validated, and the better one scoring the current rows.
 */
export function fitClassifiers(
  input: { train: LabelledData; validation: LabelledData; current: FeatureMatrix },
  progress: (phase: string, percent: number) => void,
) {
  const { train, validation, current } = input;
  progress("Fitting logistic regression", 30);
  const logistic = fitLogisticRegression(train);
  progress("Fitting gradient-boosted trees", 40);
  const boosting = fitHistGradientBoosting(train, {
    onIteration: (i, max) => progress(`Fitting gradient-boosted trees (tree ${i} of at most ${max})`, 40 + Math.round((i / max) * 40)),
  });
  progress("Validating", 82);
  const candidates = {
    logistic_regression: evaluateClassifier(logistic, validation),
    gradient_boosting: evaluateClassifier(boosting, validation),
  };
  const chosen = candidates.gradient_boosting.auc > candidates.logistic_regression.auc ? boosting : logistic;
  progress("Scoring customers", 90);
  return {
    params: { chosen: chosen.kind, features: [...train.x.names], logistic, boosting },
    metrics: { chosen: chosen.kind, trainingRows: train.y.length, ...candidates },
    scores: predictClassifier(chosen, current),
  };
}
