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

/** The category the propensity model predicts now: that of its newest run (null: any product). */
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
 * The window of a new run with the default dates. Purchase propensity keeps the category it was last
 * trained for (so "Train now" and the nightly run do not silently switch it back to any product)
 * unless `category` says otherwise: a name, or null for any product. A category no product has is refused.
 */
export async function defaultModelWindow(kind: ModelKind, category?: string | null): Promise<ModelWindow> {
  if (kind !== "propensity") return modelWindowSchema.parse({});
  const chosen = category === undefined ? await currentPropensityCategory() : category;
  if (chosen === null) return modelWindowSchema.parse({});
  const known = await db.product.count({ where: { category: chosen } });
  if (known === 0)
    throw new AppError(
      "unprocessable",
      `No product has the category “${chosen}”: pick one from the list, or import a product catalogue with a category column first.`,
      { field: "category" },
    );
  return modelWindowSchema.parse({ category: chosen });
}
