import type { JobProgress } from "../../jobs/job-progress";
import type { CalibrationBin, LiftDecile, ThresholdMetrics } from "../models/classification-metrics";
import type { ClvValidation } from "../training/train-clv";
import type { ModelKind } from "../schemas";

/**
 * What the Models page, the segment builder and the customer profile read of model runs: plain JSON,
 * client-safe (no database here).
 */

export const modelLabels: Record<ModelKind, string> = {
  clv: "Lifetime value (BG/NBD + Gamma-Gamma)",
  churn: "Churn",
  propensity: "Purchase propensity",
  recommendations: "Recommendations",
};

/** One run as a job (progress) with who started it and what it measured. */
export interface ModelRunSummary extends JobProgress {
  id: string;
  /** A succeeded run whose model was deleted since (its status reads "succeeded"; decision 142). */
  deleted: boolean;
  kind: ModelKind;
  version: number;
  trigger: string;
  createdBy: string | null;
  durationMs: number | null;
  trainingRows: number | null;
  scoredCustomers: number | null;
  /** The run's resolved window (cutoff, calibration end, horizon …). */
  window: Record<string, unknown>;
  /** The validation figure that ranks runs: AUC, MAE or hit rate @10 (null until it succeeded). */
  headline: ModelHeadline | null;
}

export interface ModelHeadline {
  metric: "AUC" | "MAE" | "Hit rate @10";
  value: number;
  /** What the number means, in words. */
  unit: string;
}

export interface ClvView {
  kind: "clv";
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; converged: boolean };
  calibrationFit: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  gammaGamma: { p: number; q: number; v: number; logLikelihood: number; customers: number };
  validation: ClvValidation;
}

/** One candidate's validation (as stored by evaluateClassifier; NaN is stored as null). */
export interface ClassifierMetrics {
  auc: number;
  rows: number;
  positiveRate: number;
  brier: number;
  atHalf: ThresholdMetrics;
  calibration: CalibrationBin[];
  lift: LiftDecile[];
  importance: { feature: string; importance: number }[];
}

export interface ClassifierView {
  kind: "churn" | "propensity";
  chosen: "logistic_regression" | "gradient_boosting";
  trainingRows: number;
  logistic_regression: ClassifierMetrics;
  gradient_boosting: ClassifierMetrics;
  boostingIterations: number | null;
}

export interface RecommendationsView {
  kind: "recommendations";
  k: number;
  hitRate: number;
  popularityHitRate: number;
  customers: number;
  hits: number;
  popularityHits: number;
  products: number;
}

export type ModelDetailView = ClvView | ClassifierView | RecommendationsView;

/** How the scores of the trained run are spread over customers (probabilities in tenths; values up to the 99th percentile). */
export interface ScoreDistribution {
  label: string;
  unit: string;
  bins: { from: number; to: number; customers: number }[];
}

export interface ModelOverview {
  kind: ModelKind;
  label: string;
  /** The newest run of any status (what "Train now" started). */
  latest: ModelRunSummary | null;
  /** The newest succeeded run: the one whose scores customers carry. */
  trained: (ModelRunSummary & { detail: ModelDetailView }) | null;
  history: ModelRunSummary[];
  /** Purchase propensity: the distribution of the trained run's category. */
  distribution: ScoreDistribution | null;
  /** Purchase propensity only: the current model of each category, most recently trained first. */
  propensities?: PropensityModelSummary[];
}

/** A product category the propensity model can be trained for, with how many products carry it. */
export interface ProductCategory {
  category: string;
  products: number;
}

/** Which model a score condition's score comes from. */
export const modelOfScore = {
  churn_probability: "churn",
  propensity: "propensity",
  clv: "clv",
  probability_alive: "clv",
  expected_purchases: "clv",
} as const satisfies Record<string, ModelKind>;

/** The validation figure beside a score condition's count: the latest trained run of that model. */
export interface ModelValidation {
  kind: ModelKind;
  version: number;
  trainedAt: string;
  headline: ModelHeadline;
  /** Purchase propensity: the category it predicts (null: any product). */
  category: string | null;
}

/** Beside score conditions: the latest trained run of each model, and each category's propensity model. */
export interface ModelValidations {
  byKind: Partial<Record<ModelKind, ModelValidation>>;
  /** Purchase propensity's current model of each category (null: any product), most recently trained first. */
  propensities: ModelValidation[];
}

/** A category's current propensity model on the Models page. */
export interface PropensityModelSummary extends ModelValidation {
  horizonDays: number;
  /** Customers holding a score of this category. */
  customers: number;
  /** The segments whose conditions read this category's propensity, by name (deleting the model is refused while any does). */
  segments: string[];
}

/** "AUC 0.892" / "MAE 0.41 repeat purchases" / "Hit rate @10 53.2 %". */
export function formatHeadline(h: ModelHeadline): string {
  if (h.metric === "AUC") return `AUC ${h.value.toFixed(3)}`;
  if (h.metric === "MAE") return `MAE ${h.value.toFixed(2)} ${h.unit}`;
  return `${h.metric} ${(h.value * 100).toFixed(1)} %`;
}

/** The churn and propensity features (lib/scoring/data/load-features.ts) in words. */
export const featureLabels: Record<string, string> = {
  recency_days: "Days since the last purchase",
  frequency: "Purchases",
  purchase_days: "Days with a purchase",
  monetary: "Net revenue",
  avg_order_value: "Average order value",
  tenure_days: "Days since the first purchase",
  orders_30: "Purchases in the last 30 days",
  orders_90: "Purchases in the last 90 days",
  orders_365: "Purchases in the last 365 days",
  revenue_90: "Revenue in the last 90 days",
  cancellations: "Cancellations",
  categories: "Categories bought",
  events_30: "Events in the last 30 days",
  events_90: "Events in the last 90 days",
  email_opens_90: "Email opens in the last 90 days",
  email_clicks_90: "Email clicks in the last 90 days",
  product_views_90: "Product views in the last 90 days",
  days_since_last_event: "Days since the last event",
};

export const describeFeature = (feature: string): string => featureLabels[feature] ?? feature;
