import type { Actor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { ModelRun } from "../../generated/prisma/client";
import { enqueueModelTrain } from "../../jobs/model-train-queue";
import { categoryOfPropensityKey, modelKinds, propensityKey, type ModelKind, type ModelWindow } from "../schemas";
import { createModelRun } from "./create-model-run";
import { segmentsUsingPropensity } from "./delete-propensity-model";
import { windowsToTrain } from "./propensity-category";
import {
  modelLabels,
  type ClassifierView,
  type ClvView,
  type ModelDetailView,
  type ModelHeadline,
  type ModelOverview,
  type ModelRunSummary,
  type ModelValidation,
  type ModelValidations,
  type PropensityModelSummary,
  type RecommendationsView,
  type ScoreDistribution,
} from "./model-views";

/**
 * A running run's row is touched every few seconds (the fits run in a thread, decision 130, so the
 * worker's loop keeps touching it; a big SQL load may still hold it for minutes). Untouched for this long, it lost its worker.
 */
export const STALE_MODEL_RUN_MS = 10 * 60_000;
export const STALE_MODEL_RUN_MESSAGE =
  "The worker stopped while training this model (it crashed or was restarted), so nothing was saved and the previous scores stay in place. Train it again.";

/** Marks runs whose worker died as failed, so no progress bar waits forever. Called whenever runs are read. */
export async function failStaleModelRuns(opts: { now?: Date } = {}): Promise<number> {
  const before = new Date((opts.now ?? new Date()).getTime() - STALE_MODEL_RUN_MS);
  const { count } = await db.modelRun.updateMany({
    where: { status: "running", updatedAt: { lt: before } },
    data: { status: "failed", phase: "failed", error: STALE_MODEL_RUN_MESSAGE, finishedAt: new Date() },
  });
  return count;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

const summarySelect = {
  id: true,
  kind: true,
  version: true,
  status: true,
  progress: true,
  phase: true,
  error: true,
  cancelRequestedAt: true,
  trigger: true,
  window: true,
  metrics: true,
  trainingRows: true,
  scoredCustomers: true,
  createdByEmail: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  durationMs: true,
} as const;
type SummaryRow = Pick<ModelRun, keyof typeof summarySelect>;

/** The validation figure that ranks a succeeded run. */
export function headlineOf(kind: ModelKind, metricsJson: unknown): ModelHeadline | null {
  const m = obj(metricsJson);
  if (kind === "clv") {
    const mae = num(m.meanAbsoluteError);
    return mae === null ? null : { metric: "MAE", value: mae, unit: "repeat purchases per customer in the holdout" };
  }
  if (kind === "recommendations") {
    const hit = num(m.hitRate);
    return hit === null ? null : { metric: "Hit rate @10", value: hit, unit: "share of customers who bought a recommended product" };
  }
  const chosen = typeof m.chosen === "string" ? m.chosen : null;
  const auc = chosen ? num(obj(m[chosen]).auc) : null;
  return auc === null ? null : { metric: "AUC", value: auc, unit: "area under the ROC curve on the validation window" };
}

export function toModelRunSummary(row: SummaryRow): ModelRunSummary {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    status: row.status === "deleted" ? "succeeded" : row.status,
    deleted: row.status === "deleted",
    progress: row.progress,
    phase: row.phase,
    error: row.error,
    cancelRequested: row.cancelRequestedAt !== null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    trigger: row.trigger,
    createdBy: row.createdByEmail,
    durationMs: row.durationMs,
    trainingRows: row.trainingRows,
    scoredCustomers: row.scoredCustomers,
    window: obj(row.window),
    headline: row.status === "succeeded" ? headlineOf(row.kind, row.metrics) : null,
  };
}

/** The figures and chart data of a succeeded run, without the fitted trees (they stay on the server). */
export function detailViewOf(kind: ModelKind, paramsJson: unknown, metricsJson: unknown): ModelDetailView {
  const params = obj(paramsJson);
  const metrics = obj(metricsJson);
  if (kind === "clv") {
    return {
      kind,
      bgnbd: params.bgnbd as ClvView["bgnbd"],
      calibrationFit: params.calibrationFit as ClvView["calibrationFit"],
      gammaGamma: params.gammaGamma as ClvView["gammaGamma"],
      validation: metrics as unknown as ClvView["validation"],
    };
  }
  if (kind === "recommendations") {
    return { kind, ...(metrics as unknown as Omit<RecommendationsView, "kind" | "products">), products: num(params.products) ?? 0 };
  }
  return {
    kind,
    chosen: metrics.chosen as ClassifierView["chosen"],
    trainingRows: num(metrics.trainingRows) ?? 0,
    logistic_regression: metrics.logistic_regression as ClassifierView["logistic_regression"],
    gradient_boosting: metrics.gradient_boosting as ClassifierView["gradient_boosting"],
    boostingIterations: num(obj(params.boosting).iterations),
  };
}

const distributionOf: Partial<Record<ModelKind, { from: string; label: string; unit: string; probability: boolean }>> = {
  clv: {
    from: "SELECT clv AS v FROM customer_scores WHERE clv IS NOT NULL",
    label: "Predicted lifetime value",
    unit: "currency units",
    probability: false,
  },
  churn: {
    from: "SELECT churn_probability AS v FROM customer_scores WHERE churn_probability IS NOT NULL",
    label: "Churn probability",
    unit: "probability",
    probability: true,
  },
  propensity: {
    from: "SELECT probability AS v FROM customer_propensities WHERE category = $1",
    label: "Purchase propensity",
    unit: "probability",
    probability: true,
  },
};

/**
 * Customers per tenth of the score (probabilities) or per tenth of 0 … the 99th percentile (values;
 * the rest in the last bin). Purchase propensity: the scores of one category (null: any product).
 */
export async function scoreDistribution(kind: ModelKind, category: string | null = null): Promise<ScoreDistribution | null> {
  const spec = distributionOf[kind];
  if (!spec) return null;
  // The SQL comes from the fixed table above, never from input; the category is a parameter.
  const rows = await db.$queryRawUnsafe<{ bucket: number; customers: number; top: number }[]>(
    `WITH s AS (SELECT v::float8 AS v FROM (${spec.from}) x),
          top AS (SELECT ${spec.probability ? "1.0::float8 AS top" : "greatest(percentile_cont(0.99) WITHIN GROUP (ORDER BY v), 1e-9) AS top FROM s"})
     SELECT least(greatest(floor(v / top.top * 10), 0), 9)::int AS bucket, count(*)::int AS customers, top.top AS top
     FROM s, top GROUP BY 1, top.top ORDER BY 1`,
    ...(kind === "propensity" ? [propensityKey(category)] : []),
  );
  if (rows.length === 0) return null;
  const top = rows[0]!.top;
  const counts = new Map(rows.map((r) => [r.bucket, r.customers]));
  return {
    label: spec.label,
    unit: spec.unit,
    bins: Array.from({ length: 10 }, (_, b) => ({ from: (b * top) / 10, to: ((b + 1) * top) / 10, customers: counts.get(b) ?? 0 })),
  };
}

/** Each model with its newest run, its trained run's figures and charts, its history and its score distribution. */
export async function getModelsOverview(): Promise<ModelOverview[]> {
  await failStaleModelRuns();
  return Promise.all(
    modelKinds.map(async (kind): Promise<ModelOverview> => {
      const [history, trained, propensities] = await Promise.all([
        db.modelRun.findMany({ where: { kind }, orderBy: { createdAt: "desc" }, take: 10, select: summarySelect }),
        db.modelRun.findFirst({
          where: { kind, status: "succeeded" },
          orderBy: { finishedAt: "desc" },
          select: { ...summarySelect, params: true },
        }),
        kind === "propensity" ? propensityModels() : Promise.resolve(undefined),
      ]);
      const category = trained ? ((trained.window as Partial<ModelWindow>).category ?? null) : null;
      return {
        kind,
        label: modelLabels[kind],
        latest: history[0] ? toModelRunSummary(history[0]) : null,
        trained: trained ? { ...toModelRunSummary(trained), detail: detailViewOf(kind, trained.params, trained.metrics) } : null,
        history: history.map(toModelRunSummary),
        distribution: trained ? await scoreDistribution(kind, category) : null,
        ...(propensities ? { propensities } : {}),
      };
    }),
  );
}

type ValidationRow = { kind: ModelKind; version: number; finished_at: Date; metrics: unknown; category: string | null };
const validationOf = (r: ValidationRow): ModelValidation | null => {
  const headline = headlineOf(r.kind, r.metrics);
  return headline ? { kind: r.kind, version: r.version, trainedAt: r.finished_at.toISOString(), headline, category: r.category } : null;
};

/** Purchase propensity's current model of each category (its latest succeeded run), with the customers it scored, most recent first. */
export async function propensityModels(): Promise<PropensityModelSummary[]> {
  const [rows, counts, users] = await Promise.all([
    db.$queryRaw<(ValidationRow & { horizon_days: number | null })[]>`
      SELECT DISTINCT ON (coalesce("window" ->> 'category', '')) kind, version, finished_at, metrics,
             "window" ->> 'category' AS category, ("window" ->> 'horizonDays')::int AS horizon_days
      FROM model_runs WHERE kind = 'propensity' AND status = 'succeeded'
      ORDER BY coalesce("window" ->> 'category', ''), finished_at DESC`,
    db.$queryRaw<{ category: string; customers: number }[]>`
      SELECT category, count(*)::int AS customers FROM customer_propensities GROUP BY category`,
    segmentsUsingPropensity(),
  ]);
  const scored = new Map(counts.map((c) => [categoryOfPropensityKey(c.category), c.customers]));
  return rows
    .sort((a, b) => b.finished_at.getTime() - a.finished_at.getTime())
    .flatMap((r) => {
      const v = validationOf(r);
      const segments = users.get(propensityKey(r.category)) ?? [];
      return v ? [{ ...v, horizonDays: r.horizon_days ?? 90, customers: scored.get(r.category) ?? 0, segments }] : [];
    });
}

/**
 * The latest trained run of every model that has one, and purchase propensity's current model of
 * each category: headline figure and date, beside score conditions.
 */
export async function getModelValidations(): Promise<ModelValidations> {
  const [rows, propensities] = await Promise.all([
    db.$queryRaw<ValidationRow[]>`
      SELECT DISTINCT ON (kind) kind, version, finished_at, metrics, "window" ->> 'category' AS category FROM model_runs
      WHERE status = 'succeeded' ORDER BY kind, finished_at DESC`,
    propensityModels(),
  ]);
  const byKind: Partial<Record<ModelKind, ModelValidation>> = {};
  for (const r of rows) {
    const v = validationOf(r);
    if (v) byKind[r.kind] = v;
  }
  return {
    byKind,
    propensities: propensities.map(({ kind, version, trainedAt, headline, category }) => ({
      kind,
      version,
      trainedAt,
      headline,
      category,
    })),
  };
}

/**
 * "Train now": a queued run of each kind asked for, with the default window, that has none queued or
 * running already (purchase propensity: one per category it has a current model for, or the category
 * picked); returns the runs started. If Redis is down, the runs are marked failed with the reason.
 */
export async function startModelRuns(opts: {
  kinds: ModelKind[];
  actor: Actor;
  /** Purchase propensity's category: a name, null for any product, absent to retrain each category it has a model for. */
  category?: string | null;
}): Promise<{ started: { id: string; kind: ModelKind }[] }> {
  await failStaleModelRuns();
  const active = await db.modelRun.findMany({
    where: { kind: { in: opts.kinds }, status: { in: ["queued", "running"] } },
    select: { kind: true, window: true },
  });
  const keyOf = (kind: ModelKind, window: unknown) =>
    kind === "propensity" ? `propensity:${propensityKey((window as Partial<ModelWindow>).category)}` : kind;
  const busy = new Set(active.map((r) => keyOf(r.kind, r.window)));
  const planned = (
    await Promise.all(opts.kinds.map(async (kind) => (await windowsToTrain(kind, opts.category)).map((window) => ({ kind, window }))))
  )
    .flat()
    .filter((p) => !busy.has(keyOf(p.kind, p.window)));
  if (planned.length === 0)
    throw new AppError("conflict", "These models are training already: wait for the runs in progress to finish (or cancel them).");
  const started: { id: string; kind: ModelKind }[] = [];
  for (const { kind, window } of planned) {
    const run = await createModelRun({ kind, window, actor: opts.actor, trigger: "manual" });
    try {
      await enqueueModelTrain(run.id);
    } catch (e) {
      await db.modelRun.update({
        where: { id: run.id },
        data: { status: "failed", phase: "failed", error: e instanceof Error ? e.message : String(e), finishedAt: new Date() },
      });
      throw e;
    }
    started.push({ id: run.id, kind });
  }
  return { started };
}
