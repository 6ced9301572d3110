import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { closeQueues } from "../jobs/get-queue";
import { openPgClient } from "../bulk/open-pg-client";
import { getCustomerScores, rawScore } from "./customer-scores";
import { loadFeatures } from "./data/load-features";
import { DENIED, seedScoringData } from "./data/scoring-fixture";
import { sigmoid } from "./models/dataset";
import type { BoostingModel } from "./models/hist-gradient-boosting";
import type { LogisticModel } from "./models/logistic-regression";
import { previewTemplate } from "../templates/preview-template";
import { createModelRun } from "./runs/create-model-run";
import { failStaleModelRuns, getModelsOverview, getModelValidations, startModelRuns, STALE_MODEL_RUN_MS } from "./runs/get-models";
import { runModelRun } from "./runs/run-model-run";
import { loadRecommendations } from "./recommended-products";
import { modelWindowSchema, type ModelKind } from "./schemas";

const actor = systemActor("system");

async function train(kind: ModelKind, window: object = {}) {
  const run = await createModelRun({ kind, window: modelWindowSchema.parse(window), actor, trigger: "cli" });
  const out = await runModelRun({ runId: run.id });
  expect(out.status).toBe("succeeded");
  return run.id;
}

beforeAll(async () => {
  await seedScoringData();
  await train("clv");
  await train("churn", { cutoff: "2024-09-01" });
  await train("recommendations");
}, 120_000);
afterAll(closeQueues);

describe("a customer's scores on the profile", () => {
  it("show the stored churn probability with drivers that reproduce it from the features as of the run's day", async () => {
    const stored = await db.customerScore.findFirstOrThrow({ where: { churnProbability: { not: null } }, orderBy: { customerId: "asc" } });
    const scores = await getCustomerScores(stored.customerId);
    expect(scores.denied).toBe(false);
    expect(scores.churn!.probability).toBe(stored.churnProbability);
    expect(scores.churn!.run.headline!.metric).toBe("AUC");
    expect(scores.churn!.drivers.length).toBeGreaterThan(0);
    expect(scores.churn!.drivers.length).toBeLessThanOrEqual(4);
    const effects = scores.churn!.drivers.map((d) => Math.abs(d.effect));
    expect(effects).toEqual([...effects].sort((a, b) => b - a));

    // The one-customer features are the training features: the chosen model gives the stored score from them.
    const run = await db.modelRun.findFirstOrThrow({ where: { kind: "churn", status: "succeeded" } });
    const params = run.params as unknown as { chosen: string; logistic: LogisticModel; boosting: BoostingModel };
    const model = params.chosen === "gradient_boosting" ? params.boosting : params.logistic;
    const client = await openPgClient();
    try {
      const one = await loadFeatures(client, {
        cutoff: scores.churn!.asOf,
        timeZone: "UTC",
        population: "purchasers",
        customerId: stored.customerId,
      });
      const all = await loadFeatures(client, { cutoff: scores.churn!.asOf, timeZone: "UTC", population: "purchasers" });
      const i = all.customerIds.indexOf(stored.customerId);
      expect(Array.from(one.x.values)).toEqual(Array.from(all.x.values.subarray(i * all.x.cols, (i + 1) * all.x.cols)));
      expect(sigmoid(rawScore(model, one.x.values))).toBeCloseTo(stored.churnProbability!, 12);
      // Setting a driver back to the typical value moves the raw score by exactly its effect.
      const d = scores.churn!.drivers[0]!;
      const probe = Float64Array.from(one.x.values);
      probe[one.x.names.indexOf(d.feature as never)] = d.typical;
      expect(rawScore(model, one.x.values) - rawScore(model, probe)).toBeCloseTo(d.effect, 12);
    } finally {
      await client.end();
    }

    expect(scores.clv!.value).toBe(stored.clv);
    expect(scores.clv!.probabilityAlive).toBe(stored.probabilityAlive);
    expect(scores.clv!.run.headline!.metric).toBe("MAE");
    expect(scores.propensities).toEqual([]); // no propensity run yet
  });

  it("show nothing for a customer who denied personalization, and say so", async () => {
    expect(await getCustomerScores(DENIED)).toEqual({ denied: true, clv: null, churn: null, propensities: [], recommendations: null });
  });

  it("recommend products the customer never bought; a customer without recommendations gets the popular ones less their purchases", async () => {
    const withRecs = await db.customerScore.findFirstOrThrow({ where: { recommendedProductIds: { isEmpty: false } } });
    const recs = (await loadRecommendations([withRecs.customerId])).get(withRecs.customerId)!;
    expect(recs.source).toBe("model");
    const bought = await db.orderLine.findMany({
      where: { order: { customerId: withRecs.customerId, kind: "purchase" } },
      select: { product: { select: { sku: true } } },
    });
    const boughtSkus = new Set(bought.map((b) => b.product!.sku));
    expect(recs.products.length).toBe(withRecs.recommendedProductIds.length);
    for (const p of recs.products) expect(boughtSkus.has(p.sku)).toBe(false);
    expect(recs.products[0]).toMatchObject({ sku: expect.any(String), name: expect.any(String), url: null, image_url: null });

    // Customer 301 is new: no history, no score row.
    await db.customer.create({ data: { id: 301 } });
    await db.product.update({ where: { id: 1 }, data: { url: "https://shop.example/p/1", imageUrl: "https://shop.example/i/1.jpg" } });
    const run = await db.modelRun.findFirstOrThrow({ where: { kind: "recommendations", status: "succeeded" } });
    const popular = (run.params as { popular: number[] }).popular;
    const fresh = (await loadRecommendations([301])).get(301)!;
    expect(fresh.source).toBe("popular");
    const products = await db.product.findMany({ where: { id: { in: popular } } });
    const skuOf = new Map(products.map((p) => [p.id, p.sku]));
    expect(fresh.products.map((p) => p.sku)).toEqual(popular.map((id) => skuOf.get(id)));
    // A buyer of the most popular product does not get it again.
    const buyer = await db.order.create({
      data: { source: "test", orderNumber: "pop-1", customerId: 301, kind: "purchase", placedAt: new Date("2024-12-01"), total: 5 },
    });
    await db.orderLine.create({
      data: {
        orderId: buyer.id,
        position: 1,
        productId: popular[0]!,
        sku: "x",
        quantity: 1,
        unitPrice: 5,
        lineTotal: 5,
        placedAt: buyer.placedAt,
      },
    });
    const after = (await loadRecommendations([301])).get(301)!;
    expect(after.products.map((p) => p.sku)).toEqual(popular.slice(1).map((id) => skuOf.get(id)));
    if (popular.includes(1)) expect(fresh.products.find((p) => p.sku === "SKU1")).toMatchObject({ url: "https://shop.example/p/1" });
  });
});

describe("scores in templates", () => {
  it("give customer.clv, churn_probability, probability_alive and recommendations to Liquid, and list them in the variables panel", async () => {
    const stored = await db.customerScore.findFirstOrThrow({
      where: { churnProbability: { not: null }, clv: { not: null }, recommendedProductIds: { isEmpty: false } },
      orderBy: { customerId: "asc" },
    });
    await db.product.update({
      where: { id: stored.recommendedProductIds[0]! },
      data: { url: "https://shop.example/first", imageUrl: "https://shop.example/first.jpg" },
    });
    const first = await db.product.findUniqueOrThrow({ where: { id: stored.recommendedProductIds[0]! } });
    const mjml = `<mjml><mj-body><mj-section><mj-column>
      <mj-text>CLV {{ customer.clv | round: 2 }} churn {{ customer.churn_probability | round: 4 }} alive {{ customer.probability_alive | round: 4 }}</mj-text>
      <mj-text>{% for p in customer.recommendations limit: 2 %}[{{ p.name }} {{ p.url }} {{ p.image_url }} {{ p.price }}]{% endfor %}</mj-text>
      <mj-text>{{ organisation.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
    </mj-column></mj-section></mj-body></mjml>`;
    const preview = await previewTemplate({ subject: "Hi", preheader: "", mjml }, stored.customerId);
    expect(preview.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const round = (v: number, d: number) => String(Math.round(v * 10 ** d) / 10 ** d);
    expect(preview.text).toContain(
      `CLV ${round(stored.clv!, 2)} churn ${round(stored.churnProbability!, 4)} alive ${round(stored.probabilityAlive!, 4)}`,
    );
    expect(preview.text).toContain(`[${first.name} https://shop.example/first https://shop.example/first.jpg ${Number(first.price)}]`);
    expect(preview.variables).toContainEqual({ path: "customer.churn_probability", type: "number | null", value: stored.churnProbability });
    expect(preview.variables).toContainEqual({ path: "customer.recommendations[0].name", type: "string", value: first.name });
    expect(preview.variables).toContainEqual({
      path: "customer.recommendations[0].url",
      type: "string | null",
      value: "https://shop.example/first",
    });
    // An unknown score name is refused like any unknown variable.
    const wrong = await previewTemplate(
      { subject: "Hi", preheader: "", mjml: mjml.replace("customer.clv", "customer.clv_score") },
      stored.customerId,
    );
    expect(wrong.diagnostics.map((d) => d.message).join(" ")).toMatch(/clv_score/);
  });
});

describe("the Models page's figures", () => {
  it("list each model with its trained run's validation, charts' data and score distribution", async () => {
    const models = await getModelsOverview();
    expect(models.map((m) => m.kind)).toEqual(["clv", "churn", "propensity", "recommendations"]);
    const [clv, churn, propensity, recs] = models;
    expect(clv!.trained!.detail).toMatchObject({ kind: "clv", bgnbd: { r: expect.any(Number), logLikelihood: expect.any(Number) } });
    if (clv!.trained!.detail.kind !== "clv") throw new Error("clv");
    expect(clv!.trained!.detail.validation.byFrequency.length).toBeGreaterThan(1);
    expect(clv!.trained!.headline).toMatchObject({ metric: "MAE", value: clv!.trained!.detail.validation.meanAbsoluteError });
    const scored = await db.customerScore.count({ where: { clv: { not: null } } });
    expect(clv!.distribution!.bins.reduce((s, b) => s + b.customers, 0)).toBe(scored);

    if (churn!.trained!.detail.kind !== "churn") throw new Error("churn");
    const detail = churn!.trained!.detail;
    expect(detail[detail.chosen].auc).toBeGreaterThanOrEqual(
      detail[detail.chosen === "gradient_boosting" ? "logistic_regression" : "gradient_boosting"].auc,
    );
    expect(detail.logistic_regression.lift).toHaveLength(10);
    expect(JSON.stringify(churn!.trained)).not.toContain('"trees"'); // the fitted trees stay on the server
    const churnCount = await db.customerScore.count({ where: { churnProbability: { not: null } } });
    expect(churn!.distribution!.bins).toHaveLength(10);
    expect(churn!.distribution!.bins.reduce((s, b) => s + b.customers, 0)).toBe(churnCount);

    expect(propensity!.trained).toBeNull();
    expect(propensity!.latest).toBeNull();
    expect(recs!.trained!.headline!.metric).toBe("Hit rate @10");

    const validations = await getModelValidations();
    expect(validations.byKind.churn).toMatchObject({
      kind: "churn",
      version: 1,
      headline: { metric: "AUC", value: detail[detail.chosen].auc },
    });
    expect(validations.byKind.propensity).toBeUndefined();
    expect(validations.propensities).toEqual([]);
  });

  it("Train now queues a run of each model not training already, and refuses when all are", async () => {
    const { started } = await startModelRuns({ kinds: ["propensity", "clv"], actor });
    expect(started.map((s) => s.kind)).toEqual(["propensity", "clv"]);
    const queued = await db.modelRun.findMany({ where: { id: { in: started.map((s) => s.id) } } });
    expect(queued.every((r) => r.status === "queued" && r.trigger === "manual")).toBe(true);
    await expect(startModelRuns({ kinds: ["propensity"], actor })).rejects.toThrow(/training already/);
    const again = await startModelRuns({ kinds: ["propensity", "churn"], actor });
    expect(again.started.map((s) => s.kind)).toEqual(["churn"]);
    const overview = await getModelsOverview();
    expect(overview.find((m) => m.kind === "clv")!.latest).toMatchObject({ status: "queued", version: 2 });
    expect(overview.find((m) => m.kind === "clv")!.trained!.version).toBe(1);
  });

  it("mark a running run whose worker died as failed, so no progress bar waits forever", async () => {
    const run = await db.modelRun.findFirstOrThrow({ where: { kind: "propensity", status: "queued" } });
    const old = new Date(Date.now() - STALE_MODEL_RUN_MS - 1000);
    await db.$executeRaw`UPDATE model_runs SET status = 'running', updated_at = ${old} WHERE id = ${run.id}`;
    expect(await failStaleModelRuns()).toBe(1);
    expect(await db.modelRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "failed", error: /worker stopped/ });
  });
});
