import { db } from "../db";
import { openPgClient } from "../bulk/open-pg-client";
import { SqlParams } from "../segments/sql-params";
import { readTimeZone } from "../imports/formats/online-retail/read-time-zone";
import { loadFeatures } from "./data/load-features";
import { personalizationAllowedSql } from "./data/personalization-allowed";
import type { BoostingModel } from "./models/hist-gradient-boosting";
import type { LogisticModel } from "./models/logistic-regression";
import { headlineOf } from "./runs/get-models";
import { categoryOfPropensityKey } from "./schemas";
import type { ModelHeadline } from "./runs/model-views";
import { loadRecommendations, type CustomerRecommendations } from "./recommended-products";

export interface ScoreRun {
  version: number;
  trainedAt: string;
  headline: ModelHeadline | null;
}

/** One feature's push on a classifier's score for this customer (in log-odds; positive raises the probability). */
export interface ScoreDriver {
  feature: string;
  value: number;
  /** The training population's mean, what "typical" means here. */
  typical: number;
  effect: number;
}

export interface ClassifierScore {
  probability: number;
  algorithm: "logistic_regression" | "gradient_boosting";
  asOf: string;
  run: ScoreRun;
  /** The four features that move this customer's score most, largest first. */
  drivers: ScoreDriver[];
}

export interface PropensityScore extends ClassifierScore {
  category: string | null;
}

export interface CustomerScores {
  /** Personalization consent denied: not scored, and nothing below. */
  denied: boolean;
  clv: {
    value: number;
    probabilityAlive: number | null;
    expectedPurchases: number | null;
    months: number;
    run: ScoreRun;
  } | null;
  churn: ClassifierScore | null;
  /** Purchase propensity of each category with a current model (null: any product), most recently trained first. */
  propensities: PropensityScore[];
  recommendations: (CustomerRecommendations & { run: ScoreRun }) | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});

/** The raw (log-odds) score of one row of features. */
export function rawScore(model: LogisticModel | BoostingModel, x: ArrayLike<number>): number {
  if (model.kind === "logistic_regression") {
    let s = model.intercept;
    for (let j = 0; j < x.length; j++) s += (model.coefficients[j]! * (x[j]! - model.mean[j]!)) / model.scale[j]!;
    return s;
  }
  let s = model.baseline;
  for (const t of model.trees) {
    let k = 0;
    while (t.left[k]! >= 0) k = x[t.feature[k]!]! <= t.threshold[k]! ? t.left[k]! : t.right[k]!;
    s += t.value[k]!;
  }
  return s;
}

/**
 * Why a classifier scored this customer as it did: each feature's effect is the change in log-odds
 * when that feature alone is set back to the training population's mean (exactly the linear term
 * for logistic regression; the same question asked of the trees).
 */
export function explainScore(
  model: LogisticModel | BoostingModel,
  mean: number[],
  x: Float64Array,
  names: readonly string[],
): ScoreDriver[] {
  const full = rawScore(model, x);
  const drivers: ScoreDriver[] = [];
  const probe = Float64Array.from(x);
  for (let j = 0; j < x.length; j++) {
    probe[j] = mean[j]!;
    drivers.push({ feature: names[j]!, value: x[j]!, typical: mean[j]!, effect: full - rawScore(model, probe) });
    probe[j] = x[j]!;
  }
  return drivers.filter((d) => Math.abs(d.effect) > 1e-9).sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
}

const runSelect = (withParams: boolean) =>
  ({ id: true, version: true, finishedAt: true, window: true, metrics: true, params: withParams }) as const;

async function latestRun(kind: "clv" | "churn" | "recommendations", withParams: boolean) {
  return db.modelRun.findFirst({ where: { kind, status: "succeeded" }, orderBy: { finishedAt: "desc" }, select: runSelect(withParams) });
}

const runOf = (kind: Parameters<typeof headlineOf>[0], r: { version: number; finishedAt: Date | null; metrics: unknown }): ScoreRun => ({
  version: r.version,
  trainedAt: (r.finishedAt ?? new Date(0)).toISOString(),
  headline: headlineOf(kind, r.metrics),
});

/** A customer's scores from the latest trained runs, with what drives them. */
export async function getCustomerScores(customerId: number): Promise<CustomerScores> {
  const p = new SqlParams();
  const allowed = personalizationAllowedSql(p);
  const [consent] = await db.$queryRawUnsafe<{ allowed: boolean }[]>(
    `SELECT ${allowed} AS allowed FROM customers c WHERE c.id = ${p.add(customerId, "int")}`,
    ...p.values,
  );
  const none: CustomerScores = { denied: consent?.allowed === false, clv: null, churn: null, propensities: [], recommendations: null };
  if (!consent || !consent.allowed) return none;
  const [score, propensityRows, clvRun, churnRun, recsRun] = await Promise.all([
    db.customerScore.findUnique({ where: { customerId } }),
    db.customerPropensity.findMany({ where: { customerId }, orderBy: { updatedAt: "desc" } }),
    latestRun("clv", false),
    latestRun("churn", true),
    latestRun("recommendations", false),
  ]);
  // Each category's scores were written by that category's current run.
  const propensityRuns = await db.modelRun.findMany({
    where: { id: { in: propensityRows.map((r) => r.runId) }, status: "succeeded" },
    select: runSelect(true),
  });
  const out: CustomerScores = { ...none, propensities: [] };
  if (score?.clv !== null && score?.clv !== undefined && clvRun && score.clvRunId === clvRun.id) {
    out.clv = {
      value: score.clv,
      probabilityAlive: score.probabilityAlive,
      expectedPurchases: score.expectedPurchases,
      months: Number(obj(clvRun.window).months ?? 12),
      run: runOf("clv", clvRun),
    };
  }
  type Run = NonNullable<typeof churnRun>;
  const classifiers: { kind: "churn" | "propensity"; run: Run; value: number; category: string | null }[] = [];
  if (churnRun && score?.churnProbability != null && score.churnRunId === churnRun.id)
    classifiers.push({ kind: "churn", run: churnRun, value: score.churnProbability, category: null });
  for (const row of propensityRows) {
    const run = propensityRuns.find((r) => r.id === row.runId);
    if (run) classifiers.push({ kind: "propensity", run, value: row.probability, category: categoryOfPropensityKey(row.category) });
  }
  if (classifiers.length > 0) {
    const client = await openPgClient({ applicationName: "tailor-profile-scores" });
    try {
      const timeZone = await readTimeZone(client);
      // The features of one day serve every model that scored as of it (the category only shapes labels).
      const featuresAsOf = new Map<string, Awaited<ReturnType<typeof loadFeatures>>>();
      for (const { kind, run, value, category } of classifiers) {
        const params = obj(run.params);
        const window = obj(run.window);
        const asOf = String(window.scoredAsOf);
        const algorithm = params.chosen === "gradient_boosting" ? "gradient_boosting" : "logistic_regression";
        const logistic = params.logistic as LogisticModel;
        const model = (algorithm === "gradient_boosting" ? params.boosting : logistic) as LogisticModel | BoostingModel;
        const population = kind === "churn" ? "purchasers" : "active";
        const key = `${population} ${asOf}`;
        const features = featuresAsOf.get(key) ?? (await loadFeatures(client, { cutoff: asOf, timeZone, population, customerId }));
        featuresAsOf.set(key, features);
        const drivers = features.x.rows === 1 ? explainScore(model, logistic.mean, features.x.values, features.x.names).slice(0, 4) : [];
        const scored: ClassifierScore = { probability: value, algorithm, asOf, run: runOf(kind, run), drivers };
        if (kind === "churn") out.churn = scored;
        else out.propensities.push({ ...scored, category });
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (recsRun) {
    const recs = (await loadRecommendations([customerId])).get(customerId);
    if (recs && recs.products.length > 0) out.recommendations = { ...recs, run: runOf("recommendations", recsRun) };
  }
  return out;
}
