import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { closeQueues } from "../../jobs/get-queue";
import { seedScoringData } from "../data/scoring-fixture";
import { getModelValidations, startModelRuns } from "./get-models";
import { defaultModelWindow, listProductCategories } from "./propensity-category";
import { runModelRun } from "./run-model-run";

const actor = systemActor("system");

async function trainStarted(category?: string | null) {
  const { started } = await startModelRuns({ kinds: ["propensity"], actor, category });
  expect(started).toHaveLength(1);
  expect((await runModelRun({ runId: started[0]!.id })).status).toBe("succeeded");
  return db.modelRun.findUniqueOrThrow({ where: { id: started[0]!.id } });
}

const categoryOf = (run: { window: unknown }) => (run.window as { category?: string | null }).category ?? null;
const positiveRate = (metrics: unknown) => (metrics as { gradient_boosting: { positiveRate: number } }).gradient_boosting.positiveRate;

describe("purchase propensity in a category", () => {
  beforeAll(seedScoringData);
  afterAll(closeQueues);

  it("lists the catalogue's categories with their product counts", async () => {
    expect(await listProductCategories()).toEqual([
      { category: "cat0", products: 7 },
      { category: "cat1", products: 8 },
      { category: "cat2", products: 8 },
      { category: "cat3", products: 7 },
    ]);
  });

  it("trains for the category picked, keeps it for later runs until changed, and refuses an unknown one", async () => {
    const any = await trainStarted();
    expect(categoryOf(any)).toBeNull();

    const inCategory = await trainStarted("cat2");
    expect(categoryOf(inCategory)).toBe("cat2");
    // Labels count purchases in that category only: fewer positives than purchases of anything.
    expect(positiveRate(inCategory.metrics)).toBeGreaterThan(0);
    expect(positiveRate(inCategory.metrics)).toBeLessThan(positiveRate(any.metrics));
    expect((await getModelValidations()).propensity).toMatchObject({ version: inCategory.version, category: "cat2" });

    // "Train now" and the nightly run keep the category; null goes back to any product.
    expect(await defaultModelWindow("propensity")).toMatchObject({ category: "cat2" });
    expect(categoryOf(await trainStarted())).toBe("cat2");
    expect(await defaultModelWindow("churn")).not.toHaveProperty("category");
    expect(categoryOf(await trainStarted(null))).toBeNull();
    expect((await getModelValidations()).propensity).toMatchObject({ category: null });

    await expect(startModelRuns({ kinds: ["propensity"], actor, category: "Garden" })).rejects.toThrow(
      /No product has the category “Garden”/,
    );
    expect(await db.modelRun.count({ where: { kind: "propensity", status: "queued" } })).toBe(0);
  });
});
