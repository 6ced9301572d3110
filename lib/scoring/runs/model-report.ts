import type { ModelRun } from "../../generated/prisma/client";

type Row = Pick<ModelRun, "kind" | "version" | "window" | "params" | "metrics" | "trainingRows" | "scoredCustomers" | "durationMs">;
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});

function classifierSummary(m: Json) {
  const atHalf = obj(m.atHalf);
  return { auc: m.auc, precision: atHalf.precision, recall: atHalf.recall, brier: m.brier, rows: m.rows, positive_rate: m.positiveRate };
}

/**
 * A run's parameters and validation as one JSON object (the CLI's --json). For clv:
 * { bgnbd: { r, alpha, a, b, log_likelihood, time_unit }, gamma_gamma: { p, q, v }, validation: { … } }.
 */
export function modelReportJson(run: Row): Json {
  const params = obj(run.params);
  const metrics = obj(run.metrics);
  const window = obj(run.window);
  if (run.kind === "clv") {
    const b = obj(params.bgnbd);
    const g = obj(params.gammaGamma);
    return {
      bgnbd: { r: b.r, alpha: b.alpha, a: b.a, b: b.b, log_likelihood: b.logLikelihood, time_unit: "days" },
      gamma_gamma: { p: g.p, q: g.q, v: g.v },
      validation: {
        calibration_end: window.calibrationEnd,
        cutoff: window.cutoff,
        holdout_days: metrics.holdoutDays,
        customers: metrics.customers,
        mean_absolute_error: metrics.meanAbsoluteError,
        predicted_repeat_purchases: metrics.predictedTotal,
        actual_repeat_purchases: metrics.actualTotal,
        by_calibration_purchases: metrics.byFrequency,
      },
    };
  }
  if (run.kind === "recommendations")
    return {
      validation: {
        cutoff: window.cutoff,
        horizon_days: window.horizonDays,
        customers: metrics.customers,
        hit_rate_at_10: metrics.hitRate,
        popularity_hit_rate_at_10: metrics.popularityHitRate,
      },
      scored_customers: run.scoredCustomers,
    };
  return {
    chosen: metrics.chosen,
    validation: {
      cutoff: window.cutoff,
      train_cutoff: window.trainCutoff,
      horizon_days: window.horizonDays,
      logistic_regression: classifierSummary(obj(metrics.logistic_regression)),
      gradient_boosting: classifierSummary(obj(metrics.gradient_boosting)),
    },
    training_rows: run.trainingRows,
    scored_customers: run.scoredCustomers,
  };
}

const f = (v: unknown, digits = 4) => (typeof v === "number" ? v.toFixed(digits) : String(v));

/** The same report for people. */
export function formatModelReport(run: Row): string {
  const j = modelReportJson(run);
  const took = `${((run.durationMs ?? 0) / 1000).toFixed(1)} s`;
  if (run.kind === "clv") {
    const b = obj(j.bgnbd);
    const g = obj(j.gamma_gamma);
    const v = obj(j.validation);
    return [
      `clv v${run.version} (${took}): ${run.scoredCustomers} customers scored`,
      `  BG/NBD (days): r=${f(b.r)} alpha=${f(b.alpha)} a=${f(b.a)} b=${f(b.b)} log-likelihood=${f(b.log_likelihood, 2)}`,
      `  Gamma-Gamma: p=${f(g.p)} q=${f(g.q)} v=${f(g.v)}`,
      `  Holdout ${v.calibration_end} → ${v.cutoff} (${v.holdout_days} days, ${v.customers} customers): mean absolute error ${f(v.mean_absolute_error)} repeat purchases; predicted ${f(v.predicted_repeat_purchases, 1)} vs actual ${f(v.actual_repeat_purchases, 1)}`,
    ].join("\n");
  }
  if (run.kind === "recommendations") {
    const v = obj(j.validation);
    return `recommendations v${run.version} (${took}): hit rate @10 ${f(v.hit_rate_at_10)} vs popularity ${f(v.popularity_hit_rate_at_10)} over ${v.customers} customers (cutoff ${v.cutoff}); ${run.scoredCustomers} customers scored`;
  }
  const v = obj(j.validation);
  const line = (name: string, m: Json) =>
    `  ${name}: AUC ${f(m.auc)}, precision ${f(m.precision)}, recall ${f(m.recall)} at 0.5, Brier ${f(m.brier)}`;
  return [
    `${run.kind} v${run.version} (${took}): trained on ${run.trainingRows} customers as of ${v.train_cutoff}, validated as of ${v.cutoff} (${v.horizon_days}-day window); chosen: ${j.chosen}; ${run.scoredCustomers} customers scored`,
    line("logistic regression", obj(v.logistic_regression)),
    line("gradient-boosted trees", obj(v.gradient_boosting)),
  ].join("\n");
}
