import type { ChildProcess } from "node:child_process";
import { db } from "../lib/db";
import { expect, test } from "./fixtures";
import { startWorkerProcess, stopWorkerProcess } from "./worker-process";

// Training runs in the worker process, as with `npm start`.
let worker: ChildProcess | undefined;
test.beforeAll(async () => {
  worker = await startWorkerProcess();
});
test.afterAll(async () => {
  stopWorkerProcess(worker);
  await db.$disconnect();
});

test("a marketer trains the models, reads their validation, builds a churn segment with the model's AUC beside its count, and sees a profile's scores and recommendations in a template preview", async ({
  page,
  login,
}) => {
  test.setTimeout(240_000);
  await login("marketer");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Models" })).toBeVisible();
  // The e2e database is fresh: nothing trained yet, and the page says what to do — including what
  // purchase propensity predicts, picked before the first training.
  await expect(page.getByRole("heading", { name: "No model has been trained yet" })).toBeVisible();
  const category = await topCategory();
  const firstPicker = page.getByTestId("first-propensity-category").getByLabel("Predict purchases in");
  await expect(firstPicker.locator("option").first()).toHaveText("Any product");
  await firstPicker.selectOption(category);
  await page.screenshot({ path: test.info().outputPath("models-empty.png"), fullPage: true });
  await page.getByRole("button", { name: "Train now" }).click();

  // Progress of each model through the one job-progress display, then every model finished.
  await expect(page.getByRole("progressbar", { name: /Training progress of/ }).first()).toBeVisible();
  for (const kind of ["clv", "churn", "propensity", "recommendations"]) {
    await expect(page.getByTestId(`model-${kind}`).getByTestId("model-headline")).toBeVisible({ timeout: 150_000 });
  }
  await expect(page.getByRole("button", { name: "Train now" })).toBeEnabled();
  // The first propensity model predicts the category picked.
  await expect(page.getByTestId("model-propensity")).toContainText(`Predicts a purchase in the category “${category}” within 90 days.`);
  await expect(page.getByTestId("propensity-model-row")).toHaveCount(1);

  // Lifetime value: fitted parameters, log-likelihood, the holdout chart with its axes, the MAE.
  const clv = page.getByTestId("model-clv");
  await expect(clv.getByTestId("model-headline")).toHaveText(/^MAE \d+\.\d\d repeat purchases/);
  await expect(clv.getByTestId("clv-params")).toContainText("BG/NBD r");
  expect(Number(await clv.getByTestId("log-likelihood").textContent())).toBeLessThan(0);
  const predicted = clv.getByTestId("predicted-actual-chart");
  await expect(predicted).toContainText("Repeat purchases in the calibration period");
  await expect(predicted).toContainText(/Purchases per customer \(\d+ days\)/);
  await expect(predicted.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const clvRun = await db.modelRun.findFirstOrThrow({ where: { kind: "clv", status: "succeeded" } });
  const mae = (clvRun.metrics as { meanAbsoluteError: number }).meanAbsoluteError;
  await expect(clv.getByTestId("clv-mae")).toHaveText(mae.toFixed(3));

  // Churn: both models' AUC, the winner, calibration, lift and importance charts.
  const churn = page.getByTestId("model-churn");
  const churnRun = await db.modelRun.findFirstOrThrow({ where: { kind: "churn", status: "succeeded" } });
  const churnMetrics = churnRun.metrics as { chosen: "logistic_regression" | "gradient_boosting" } & Record<string, { auc: number }>;
  const auc = churnMetrics[churnMetrics.chosen]!.auc;
  await expect(churn.getByTestId("model-headline")).toHaveText(`AUC ${auc.toFixed(3)}`);
  await expect(churn.getByTestId("model-winner")).toContainText(
    churnMetrics.chosen === "gradient_boosting" ? "Gradient-boosted trees" : "Logistic regression",
  );
  await expect(churn.getByTestId("auc-logistic_regression")).toHaveText(churnMetrics.logistic_regression!.auc.toFixed(3));
  await expect(churn.getByTestId("calibration-chart")).toContainText("Predicted probability");
  await expect(churn.getByTestId("lift-chart")).toContainText("Decile of the score");
  await expect(churn.getByTestId("lift-chart").locator(".recharts-bar-rectangle")).toHaveCount(10);
  await expect(churn.getByTestId("importance-chart")).toContainText("Share of the model's importance");
  await expect(churn.getByTestId("score-distribution-chart")).toContainText("Customers");

  // Recommendations: hit rate @10 beside the popularity baseline.
  const recs = page.getByTestId("model-recommendations");
  await expect(recs.getByTestId("hit-rate")).toHaveText(/\d+\.\d %/);
  await expect(recs.getByTestId("popularity-hit-rate")).toHaveText(/\d+\.\d %/);
  await expect(recs.getByTestId("hit-rate-chart")).toContainText("Most popular products");
  await page.screenshot({ path: test.info().outputPath("models-trained.png"), fullPage: true });

  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // A segment "churn probability > 0.7": the count matches the scores, the model's AUC and date sit beside it.
  const expected = await db.customerScore.count({ where: { churnProbability: { gt: 0.7 } } });
  expect(expected).toBeGreaterThan(0);
  await page.goto("/segments/new");
  await expect(page.getByRole("heading", { level: 1, name: "New segment" })).toBeVisible();
  await page.getByLabel("Name").fill("Likely to churn (e2e)");
  const condition = page.getByTestId("condition").first();
  await condition.getByLabel("Condition type").selectOption("score");
  await condition.getByLabel("Score", { exact: true }).selectOption("churn_probability");
  await condition.getByLabel("Comparison").selectOption("gt");
  await condition.getByLabel("Score value").fill("0.7");
  await expect(page.getByTestId("segment-count")).toHaveText(expected.toLocaleString("en-GB"), { timeout: 20_000 });
  await expect(condition.getByTestId("condition-count")).toHaveText(`${expected.toLocaleString("en-GB")} alone`);
  await expect(condition.getByTestId("score-model-evidence")).toHaveText(new RegExp(`^AUC ${auc.toFixed(3)} · trained \\d+ \\w+ \\d{4}$`));
  await page.screenshot({ path: test.info().outputPath("churn-segment.png"), fullPage: true });
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Likely to churn (e2e)" })).toBeVisible();
  await expect(page.getByTestId("score-model-evidence")).toContainText(`AUC ${auc.toFixed(3)}`);

  // A customer's profile: churn probability with its drivers, lifetime value, recommendations.
  const scored = await db.customerScore.findFirstOrThrow({
    where: { churnProbability: { gt: 0.7 }, clv: { not: null }, recommendedProductIds: { isEmpty: false } },
    orderBy: { customerId: "asc" },
  });
  await page.goto(`/customers/${scored.customerId}`);
  const card = page.getByTestId("scores-card");
  await expect(card.getByTestId("score-churn-value")).toHaveText(`${(scored.churnProbability! * 100).toFixed(0)} %`);
  await expect(card.getByRole("list", { name: "What drives the churn score" }).getByRole("listitem").first()).toContainText(
    /raises|lowers/,
  );
  await expect(card.getByTestId("score-probability-alive")).toHaveText(`${(scored.probabilityAlive! * 100).toFixed(0)} %`);
  const firstProduct = await db.product.findUniqueOrThrow({ where: { id: scored.recommendedProductIds[0]! } });
  await expect(card.getByTestId("score-recommendations")).toContainText(firstProduct.name || firstProduct.sku);
  await page.getByTestId("scores-card").scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("profile-scores.png"), fullPage: true });

  // A template listing customer.recommendations, previewed as that customer.
  const customer = await db.customer.findUniqueOrThrow({ where: { id: scored.customerId }, select: { email: true } });
  test.skip(!customer.email, "the scored customer has no email to preview as");
  const { createTemplate } = await import("../lib/templates/create-template");
  const { saveTemplateVersion } = await import("../lib/templates/save-template-version");
  const { id } = await createTemplate({ name: `Picked for you (e2e ${Date.now()})`, createdById: null });
  await saveTemplateVersion({
    templateId: id,
    subject: "Picked for you",
    preheader: "",
    mjml: [
      "<mjml><mj-body><mj-section><mj-column>",
      "<mj-text>Churn {{ customer.churn_probability | round: 2 }}</mj-text>",
      "<mj-raw>{% for p in customer.recommendations limit: 3 %}</mj-raw><mj-text>Pick: {{ p.name }} {{ p.price | money }}</mj-text><mj-raw>{% endfor %}</mj-raw>",
      '<mj-text>{{ organisation.postal_address }} · <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>',
      "</mj-column></mj-section></mj-body></mjml>",
    ].join("\n"),
    createdById: null,
  });
  await page.goto(`/templates/${id}`);
  await page.getByLabel("Preview as customer").fill(customer.email!);
  await page.getByRole("listbox", { name: "Matching customers" }).getByRole("button", { name: customer.email! }).click();
  const frame = page.frameLocator('iframe[title="Email preview"]');
  await expect(frame.getByText(`Pick: ${firstProduct.name}`).first()).toBeVisible({ timeout: 15_000 });
  const variables = page.getByRole("region", { name: "Personalization variables" });
  await expect(variables.getByRole("row").filter({ hasText: "customer.churn_probability" })).toContainText(
    String(scored.churnProbability!).slice(0, 6),
  );
  await expect(variables.getByRole("row").filter({ hasText: "customer.recommendations[0].name" })).toContainText(firstProduct.name);
  await page.screenshot({ path: test.info().outputPath("template-recommendations.png"), fullPage: true });
});

test("a marketer adds purchase propensity for any product beside the category model, both keep their scores, and a segment picks the category", async ({
  page,
  login,
}) => {
  test.setTimeout(480_000);
  const category = await topCategory();
  await login("marketer");
  await page.goto("/models");
  await expect(page.getByRole("heading", { level: 1, name: "Models" })).toBeVisible();
  const card = page.getByTestId("model-propensity");
  if (await page.getByRole("heading", { name: "No model has been trained yet" }).isVisible()) {
    await page.getByTestId("first-propensity-category").getByLabel("Predict purchases in").selectOption(category);
    await page.getByRole("button", { name: "Train now" }).click();
  }
  await expect(card.getByTestId("propensity-model-row").first()).toBeVisible({ timeout: 150_000 });
  const inCategory = await db.customerPropensity.findMany({ where: { category }, orderBy: { customerId: "asc" } });
  expect(inCategory.length).toBeGreaterThan(0);

  const picker = card.getByLabel("Predict purchases in");
  await expect(picker.locator("option").first()).toHaveText("Any product");
  await expect(picker.locator("option:checked")).toHaveText(new RegExp(`^${escapeRegExp(category)} \\(`));
  await expect(card.getByTestId("propensity-train-effect")).toContainText(`Retrains the model of a purchase in the category “${category}”`);
  await picker.selectOption("");
  await expect(card.getByTestId("propensity-train-effect")).toContainText(
    "Adds a model of a purchase of any product within 90 days: customers get its score beside the other categories' scores",
  );
  await page.screenshot({ path: test.info().outputPath("propensity-category-picked.png"), fullPage: true });
  await card.getByRole("button", { name: "Train for any product" }).click();

  // Both models are current, each with its own scores: the category's are untouched.
  await expect(card.getByTestId("propensity-model-row")).toHaveCount(2, { timeout: 150_000 });
  await expect(card.getByTestId("propensity-models")).toContainText("a purchase of any product within 90 days");
  await expect(card.getByTestId("propensity-models")).toContainText(`a purchase in the category “${category}” within 90 days`);
  expect(await db.customerPropensity.findMany({ where: { category }, orderBy: { customerId: "asc" } })).toEqual(inCategory);
  expect(await db.customerPropensity.count({ where: { category: "" } })).toBeGreaterThan(0);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("propensity-two-models.png"), fullPage: true });

  // A segment picks the category: its count is that category's scores above 0.5, the evidence is that model's AUC.
  const expected = inCategory.filter((s) => s.probability > 0.5).length;
  await page.goto("/segments/new");
  const condition = page.getByTestId("condition").first();
  await condition.getByLabel("Condition type").selectOption("score");
  await condition.getByLabel("Score", { exact: true }).selectOption("propensity");
  await expect(condition.getByTestId("score-model-evidence")).toHaveText(/^any product · AUC \d\.\d{3} · trained /);
  await condition.getByLabel("Propensity category").selectOption(category);
  await condition.getByLabel("Comparison").selectOption("gt");
  await condition.getByLabel("Score value").fill("0.5");
  await expect(condition.getByTestId("score-model-evidence")).toHaveText(
    new RegExp(`^in “${escapeRegExp(category)}” · AUC \\d\\.\\d{3} · trained `),
  );
  await expect(page.getByTestId("segment-count")).toHaveText(expected.toLocaleString("en-GB"), { timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath("propensity-segment.png"), fullPage: true });
});

/** The category most bought in the demo shop (both outcomes occur in its windows). */
async function topCategory(): Promise<string> {
  const [top] = await db.$queryRaw<{ category: string }[]>`
    SELECT p.category FROM order_lines ol JOIN products p ON p.id = ol.product_id
    WHERE p.category IS NOT NULL GROUP BY p.category ORDER BY count(*) DESC LIMIT 1`;
  return top!.category;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
