import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../audit/write-audit-log";
import { db } from "../../db";
import { closeQueues } from "../../jobs/get-queue";
import { previewSegment } from "../../segments/preview-segment";
import { segmentRulesSchema } from "../../segments/schemas";
import { loadContexts } from "../../templates/load-contexts";
import { getCustomerScores } from "../customer-scores";
import { DENIED, seedScoringData } from "../data/scoring-fixture";
import { getModelsOverview, getModelValidations, propensityModels, startModelRuns } from "./get-models";
import { defaultModelWindow, listProductCategories, windowsToTrain } from "./propensity-category";
import { saveSegment } from "../../segments/save-segment";
import { deletePropensityModel } from "./delete-propensity-model";
import { runModelRun } from "./run-model-run";

const actor = systemActor("system");

async function trainStarted(category?: string | null) {
  const { started } = await startModelRuns({ kinds: ["propensity"], actor, category });
  const runs = [];
  for (const s of started) {
    expect((await runModelRun({ runId: s.id })).status).toBe("succeeded");
    runs.push(await db.modelRun.findUniqueOrThrow({ where: { id: s.id } }));
  }
  return runs;
}
async function trainOne(category?: string | null) {
  const runs = await trainStarted(category);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

const categoryOf = (run: { window: unknown }) => (run.window as { category?: string | null }).category ?? null;
const positiveRate = (metrics: unknown) => (metrics as { gradient_boosting: { positiveRate: number } }).gradient_boosting.positiveRate;

const rules = (condition: object) =>
  segmentRulesSchema.parse({ type: "group", op: "and", children: [{ type: "condition", ...condition }] });
const count = async (condition: object) => (await previewSegment({ rules: rules(condition) })).total;
const scoresOf = async (category: string) =>
  db.customerPropensity.findMany({ where: { category }, select: { customerId: true, probability: true, runId: true } });

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

  it(
    "keeps one current model per category: two categories' scores coexist, and a segment on each counts its own",
    { timeout: 300_000 },
    async () => {
      // A category picked before any training: the first run is for it.
      expect(await windowsToTrain("propensity")).toEqual([expect.not.objectContaining({ category: expect.anything() })]);
      const cat2 = await trainOne("cat2");
      expect(categoryOf(cat2)).toBe("cat2");
      const afterCat2 = await scoresOf("cat2");
      expect(afterCat2.length).toBeGreaterThan(100);

      const cat1 = await trainOne("cat1");
      expect(categoryOf(cat1)).toBe("cat1");
      // The second category's run left the first one's scores exactly as they were.
      expect(await scoresOf("cat2")).toEqual(afterCat2);
      const scores1 = await scoresOf("cat1");
      expect(scores1.length).toBeGreaterThan(100);
      expect(scores1.every((s) => s.runId === cat1.id)).toBe(true);
      expect(afterCat2.every((s) => s.runId === cat2.id)).toBe(true);
      // Different labels, different models: the two categories' probabilities differ.
      const p2 = new Map(afterCat2.map((s) => [s.customerId, s.probability]));
      expect(scores1.some((s) => Math.abs(s.probability - (p2.get(s.customerId) ?? s.probability)) > 1e-6)).toBe(true);
      expect(await db.customerPropensity.count({ where: { customerId: DENIED } })).toBe(0);

      // A segment on each category counts that category's scores, computed independently here.
      for (const [category, rows] of [
        ["cat1", scores1],
        ["cat2", afterCat2],
      ] as const) {
        const threshold = 0.5;
        const expected = rows.filter((s) => s.probability > threshold).length;
        expect(await count({ kind: "score", score: "propensity", category, op: "gt", value: threshold })).toBe(expected);
        expect(await count({ kind: "score", score: "propensity", category, op: "top_percent", value: 10 })).toBeGreaterThanOrEqual(
          Math.ceil(rows.length * 0.1),
        );
      }
      // No model for "any product" yet: that condition matches no one; a category without a model neither.
      expect(await count({ kind: "score", score: "propensity", op: "gte", value: 0 })).toBe(0);
      expect(await count({ kind: "score", score: "propensity", category: "cat3", op: "gte", value: 0 })).toBe(0);

      // Both models are current: validations, the Models page, the profile and Liquid see both.
      const validations = await getModelValidations();
      expect(validations.propensities.map((v) => v.category)).toEqual(["cat1", "cat2"]);
      expect(validations.byKind.propensity).toMatchObject({ category: "cat1", version: cat1.version });
      const overview = (await getModelsOverview()).find((m) => m.kind === "propensity")!;
      expect(overview.propensities!.map((p) => [p.category, p.customers])).toEqual([
        ["cat1", scores1.length],
        ["cat2", afterCat2.length],
      ]);
      const someone = scores1.find((s) => p2.has(s.customerId))!;
      const profile = await getCustomerScores(someone.customerId);
      expect(profile.propensities.map((p) => [p.category, p.probability])).toEqual([
        ["cat1", someone.probability],
        ["cat2", p2.get(someone.customerId)],
      ]);
      const [recipient] = await loadContexts({ customerIds: [someone.customerId] });
      expect(recipient!.context.customer.propensities).toEqual({ cat1: someone.probability, cat2: p2.get(someone.customerId) });
      expect(recipient!.context.customer.propensity).toBeNull();

      // "Train now" (no category) retrains each category's model, the most recent first.
      const retrained = await trainStarted();
      expect(retrained.map(categoryOf)).toEqual(["cat1", "cat2"]);
      expect(await scoresOf("cat1")).toHaveLength(scores1.length);
      expect((await scoresOf("cat2")).every((s) => s.runId === retrained[1]!.id)).toBe(true);
    },
  );

  it(
    "trains for any product beside the categories; labels in a category are rarer; an unknown category is refused",
    { timeout: 120_000 },
    async () => {
      const any = await trainOne(null);
      expect(categoryOf(any)).toBeNull();
      const inCategory = await db.modelRun.findFirstOrThrow({
        where: { kind: "propensity", status: "succeeded", window: { path: ["category"], equals: "cat2" } },
        orderBy: { finishedAt: "desc" },
      });
      expect(positiveRate(inCategory.metrics)).toBeGreaterThan(0);
      expect(positiveRate(inCategory.metrics)).toBeLessThan(positiveRate(any.metrics));
      const anyScores = await scoresOf("");
      expect(await count({ kind: "score", score: "propensity", op: "gt", value: 0.5 })).toBe(
        anyScores.filter((s) => s.probability > 0.5).length,
      );
      expect((await scoresOf("cat1")).length).toBeGreaterThan(100); // still there
      expect((await getModelValidations()).propensities.map((v) => v.category)).toEqual([null, "cat2", "cat1"]);
      expect(await defaultModelWindow("propensity")).not.toHaveProperty("category");
      expect(await defaultModelWindow("churn")).not.toHaveProperty("category");

      await expect(startModelRuns({ kinds: ["propensity"], actor, category: "Garden" })).rejects.toThrow(
        /No product has the category “Garden”/,
      );
      expect(await db.modelRun.count({ where: { kind: "propensity", status: "queued" } })).toBe(0);
    },
  );

  it("deletes a category's model and its scores, refusing while a segment uses it; the deletion is audited", async () => {
    // Nested in a group: every condition of the rules counts.
    const segment = await saveSegment({
      input: {
        name: "Likely cat1 buyers",
        description: "",
        rules: segmentRulesSchema.parse({
          type: "group",
          op: "and",
          children: [
            {
              type: "group",
              op: "or",
              children: [{ type: "condition", kind: "score", score: "propensity", category: "cat1", op: "gt", value: 0.5 }],
            },
          ],
        }),
      },
      actor,
    });
    const cat1Before = await scoresOf("cat1");
    expect((await propensityModels()).find((m) => m.category === "cat1")!.segments).toEqual(["Likely cat1 buyers"]);
    await expect(deletePropensityModel({ category: "cat1", actor })).rejects.toThrow(
      /A segment uses the propensity for “cat1”: “Likely cat1 buyers”/,
    );
    expect(await scoresOf("cat1")).toEqual(cat1Before);

    // Another category's model, used by no segment, goes: its scores, its place among current models and nightly retraining.
    const cat2Runs = await db.modelRun.count({
      where: { kind: "propensity", status: "succeeded", window: { path: ["category"], equals: "cat2" } },
    });
    expect(await deletePropensityModel({ category: "cat2", actor })).toEqual({ deletedRuns: cat2Runs, deletedScores: expect.any(Number) });
    expect(await scoresOf("cat2")).toEqual([]);
    expect(await scoresOf("cat1")).toEqual(cat1Before);
    expect((await propensityModels()).map((m) => m.category)).toEqual([null, "cat1"]);
    expect((await windowsToTrain("propensity")).map((w) => w.category ?? null)).toEqual([null, "cat1"]);
    expect(await db.modelRun.count({ where: { kind: "propensity", status: "deleted" } })).toBe(cat2Runs);
    const history = (await getModelsOverview()).find((m) => m.kind === "propensity")!.history;
    expect(history.filter((r) => r.deleted).every((r) => (r.window as { category?: string }).category === "cat2")).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "model.deleted" } });
    expect(audit).toMatchObject({ targetType: "model", targetId: "propensity:cat2", before: { kind: "propensity", category: "cat2" } });
    await expect(deletePropensityModel({ category: "cat2", actor })).rejects.toThrow(/no propensity model for “cat2”/);

    // Once the segment no longer reads it, cat1's model can go too.
    await db.segment.delete({ where: { id: segment.id } });
    await deletePropensityModel({ category: "cat1", actor });
    expect(await scoresOf("cat1")).toEqual([]);
    expect((await propensityModels()).map((m) => m.category)).toEqual([null]);
  });
});
