import { db } from "../../db";
import { AppError } from "../../errors";
import { modelWindowSchema, type ModelKind, type ModelWindow } from "../schemas";
import type { ProductCategory } from "./model-views";

/** The categories of the product catalogue (and of tracked products), by name. */
export async function listProductCategories(): Promise<ProductCategory[]> {
  return db.$queryRaw<ProductCategory[]>`
    SELECT category, count(*)::int AS products FROM products
    WHERE category IS NOT NULL AND category <> '' GROUP BY category ORDER BY category LIMIT 500`;
}

/** The category of the newest propensity run, trained or on its way (null: any product). */
export async function currentPropensityCategory(): Promise<string | null> {
  const last = await db.modelRun.findFirst({
    where: { kind: "propensity", status: { in: ["queued", "running", "succeeded"] } },
    orderBy: { createdAt: "desc" },
    select: { window: true },
  });
  const category = (last?.window as { category?: unknown } | null)?.category;
  return typeof category === "string" ? category : null;
}

/**
 * The categories that have a current propensity model (a succeeded run; null: any product), the most
 * recently trained first. Each keeps its own scores (decision 141).
 */
export async function trainedPropensityCategories(): Promise<(string | null)[]> {
  const rows = await db.$queryRaw<{ category: string | null }[]>`
    SELECT category FROM (
      SELECT "window" ->> 'category' AS category, max(finished_at) AS trained FROM model_runs
      WHERE kind = 'propensity' AND status = 'succeeded' GROUP BY 1
    ) t ORDER BY trained DESC`;
  return rows.map((r) => r.category);
}

async function propensityWindow(category: string | null): Promise<ModelWindow> {
  if (category === null) return modelWindowSchema.parse({});
  const known = await db.product.count({ where: { category } });
  if (known === 0)
    throw new AppError(
      "unprocessable",
      `No product has the category “${category}”: pick one from the list, or import a product catalogue with a category column first.`,
      { field: "category" },
    );
  return modelWindowSchema.parse({ category });
}

/**
 * The window of a new run with the default dates. Purchase propensity trains for `category` when
 * given (a name, or null for any product); otherwise it keeps the category of its newest run. A
 * category no product has is refused.
 */
export async function defaultModelWindow(kind: ModelKind, category?: string | null): Promise<ModelWindow> {
  if (kind !== "propensity") return modelWindowSchema.parse({});
  return propensityWindow(category === undefined ? await currentPropensityCategory() : category);
}

/**
 * The windows of the runs a model's "Train now" (or the nightly run) starts: one for every kind but
 * purchase propensity, which retrains each category that has a current model (or, picked, only that
 * category), so that no run silently turns one category's scores into another's.
 */
export async function windowsToTrain(kind: ModelKind, category?: string | null): Promise<ModelWindow[]> {
  if (kind !== "propensity" || category !== undefined) return [await defaultModelWindow(kind, category)];
  const trained = await trainedPropensityCategories();
  if (trained.length === 0) return [await defaultModelWindow(kind)];
  const windows: ModelWindow[] = [];
  // A category whose products have all gone is skipped (its scores stay until it is trained again).
  for (const c of trained)
    await propensityWindow(c).then(
      (w) => windows.push(w),
      () => undefined,
    );
  return windows;
}
