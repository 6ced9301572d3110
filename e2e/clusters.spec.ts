import type { ChildProcess } from "node:child_process";
import { expect, test } from "./fixtures";
import { startWorkerProcess, stopWorkerProcess } from "./worker-process";

// Runs are computed by the worker process, as with `npm start`.
let worker: ChildProcess | undefined;
test.beforeAll(async () => {
  worker = await startWorkerProcess();
});
test.afterAll(() => stopWorkerProcess(worker));

test("a marketer clusters the demo customers, reads the elbow and the profiles, and saves a cluster as a segment of the same size", async ({
  page,
  login,
}) => {
  test.setTimeout(120_000);
  await login("marketer");
  await page.goto("/clusters");
  await page
    .getByRole("link", { name: /New clustering run|Start your first run/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "New clustering run" })).toBeVisible();
  // Defaults: days since last purchase, purchases and net revenue; log of the last two; z-score; K-Means with the suggested k.
  await page.getByLabel("Run name (optional)").fill("RFM groups (e2e)");
  await page.screenshot({ path: test.info().outputPath("new-run-form.png"), fullPage: true });
  await page.getByRole("button", { name: "Start clustering" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "RFM groups (e2e)" })).toBeVisible();
  // Progress while it runs (queued, then running), then the results.
  await expect(page.getByRole("progressbar", { name: "Clustering progress" })).toBeVisible();
  await expect(page.getByText("Finished", { exact: true })).toBeVisible({ timeout: 90_000 });

  const elbow = page.getByTestId("elbow-chart");
  await expect(elbow).toBeVisible();
  await expect(elbow).toContainText("Number of clusters k");
  await expect(elbow.locator(".recharts-line")).toHaveCount(2);
  const suggested = await page.getByTestId("suggested-k").textContent();
  const k = Number(/this run used k = (\d+)/.exec(suggested ?? "")?.[1]);
  expect(k).toBeGreaterThanOrEqual(2);

  const profile = page.getByTestId("profile-table");
  await expect(profile).toContainText("Days since last purchase");
  await expect(profile.locator("tbody tr")).toHaveCount(3);
  await expect(profile.locator("thead th")).toHaveCount(2 + k);
  await page.screenshot({ path: test.info().outputPath("run-page.png"), fullPage: true });

  const card = page.getByTestId("cluster-card-0").locator("..");
  const size = Number(((await card.getByTestId("cluster-size").textContent()) ?? "").replace(/[^0-9]/g, ""));
  expect(size).toBeGreaterThan(0);
  await card.getByLabel("Segment name for cluster 1").fill("Cluster 1 (e2e)");
  await card.getByRole("button", { name: "Save as segment (snapshot)" }).click();
  await card.getByRole("link", { name: "Open the segment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cluster 1 (e2e)" })).toBeVisible();
  await expect(page.getByTestId("stored-count")).toHaveText(`${size.toLocaleString("en-GB")} stored members`, { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath("saved-cluster-segment.png"), fullPage: true });
});

test("a marketer cuts a hierarchical clustering on its dendrogram, previews another cut and starts a run cut there", async ({
  page,
  login,
}) => {
  test.setTimeout(180_000);
  await login("marketer");
  await page.goto("/clusters/new");
  await page.getByLabel("Run name (optional)").fill("Ward tree (e2e)");
  await page.getByRole("radio", { name: "Hierarchical (Ward)" }).check();
  // Out-of-range cuts are named before anything starts.
  await page.getByLabel("Cut by").selectOption("height");
  await page.getByLabel("Cut height").fill("0");
  await expect(page.getByTestId("form-problems")).toContainText("Cut height: The cut height must be more than 0");
  await expect(page.getByRole("button", { name: "Start clustering" })).toBeDisabled();
  await page.getByLabel("Cut by").selectOption("k");
  await page.getByLabel("k", { exact: true }).fill("40");
  await expect(page.getByTestId("form-problems")).toContainText("Number of clusters k: k can be at most 30");
  await page.screenshot({ path: test.info().outputPath("ward-form-problems.png"), fullPage: true });
  await page.getByLabel("k", { exact: true }).fill("4");
  await expect(page.getByTestId("form-problems")).toHaveCount(0);
  await page.getByRole("button", { name: "Start clustering" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Ward tree (e2e)" })).toBeVisible();
  await expect(page.getByText("Finished", { exact: true })).toBeVisible({ timeout: 90_000 });
  const dendrogram = page.getByTestId("dendrogram");
  await expect(dendrogram).toBeVisible();
  await expect(dendrogram).toContainText("Merge height (Ward distance, preprocessed units)");
  await expect(page.getByTestId("dendrogram-cut")).toContainText("→ 4 clusters");
  const leaves = dendrogram.getByTestId("dendrogram-leaf");
  await expect(leaves).toHaveCount(40);
  await expect(dendrogram.getByTestId("dendrogram-merge")).toHaveCount(39);
  const leafClusters = await leaves.evaluateAll((gs) => gs.map((g) => Number(g.getAttribute("data-cluster"))));
  expect(new Set(leafClusters)).toEqual(new Set([0, 1, 2, 3]));
  // Leaves hold every customer who purchased (those who never did are kept apart as their own group,
  // the default): fewer than the sample's 300 here. Each cluster's colour is the one its card (and the scatter) uses.
  const { db } = await import("../lib/db");
  const [purchasers] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM customers c LEFT JOIN customer_features f ON f.customer_id = c.id WHERE coalesce(f.frequency, 0) > 0`;
  expect(purchasers!.n).toBeLessThan(300);
  const leafLabels = await leaves.locator("text").allTextContents();
  expect(leafLabels.reduce((s, t) => s + Number(t.replace(/[^0-9]/g, "")), 0)).toBe(purchasers!.n);
  const leafFill = await leaves
    .nth(leafClusters.indexOf(0))
    .locator("circle")
    .evaluate((c) => getComputedStyle(c).fill);
  const cardDot = await page
    .getByTestId("cluster-card-0")
    .locator("span.rounded-full")
    .first()
    .evaluate((s) => getComputedStyle(s).backgroundColor);
  expect(leafFill).toBe(cardDot);
  await expect(page.getByTestId("dendrogram-legend").locator("li")).toHaveCount(4);
  // Every purchaser is in the sample here, so each cluster's size is what the dendrogram shows for it.
  const firstNumber = (t: string) => Number(/[\d,]+/.exec(t)![0].replace(/,/g, ""));
  const drawnSizes = (await page.getByTestId("dendrogram-legend").locator("li > span.tabular-nums").allTextContents()).map(firstNumber);
  const runSizes = (await page.getByTestId("cluster-sizes").locator("li span.tabular-nums").allTextContents()).map(firstNumber);
  expect(runSizes).toEqual(drawnSizes);
  await expect(page.getByTestId("profile-table").locator("thead th")).toHaveCount(2 + 4);
  await page.getByTestId("dendrogram").screenshot({ path: test.info().outputPath("dendrogram.png") });
  await page.screenshot({ path: test.info().outputPath("ward-run-page.png"), fullPage: true });

  // Clicking the chart picks a height; a cut into 3 is previewed on the drawn tree before any run starts.
  await page.getByTestId("dendrogram-plot").click({ position: { x: 300, y: 40 } });
  await expect(page.getByLabel("Height to cut at")).not.toHaveValue("");
  await page.getByLabel("Cut the tree by").selectOption("k");
  await page.getByLabel("Number of clusters to cut into").fill("31");
  await expect(page.getByTestId("recut-preview")).toContainText("The number of clusters must be a whole number from 2 to 30.");
  await expect(page.getByRole("button", { name: "Start a run cut here" })).toBeDisabled();
  await page.getByLabel("Number of clusters to cut into").fill("3");
  await expect(page.getByTestId("recut-preview")).toContainText("This cut gives 3 clusters");
  await expect(page.getByTestId("dendrogram-cut")).toContainText("→ 3 clusters");
  await expect(dendrogram).toContainText("this run's cut");
  await page.screenshot({ path: test.info().outputPath("ward-recut-preview.png"), fullPage: true });
  const previewSizes = await page.getByTestId("dendrogram-legend").locator("li").allTextContents();
  const firstRun = page.url().split("/").at(-1)!;
  await page.getByRole("button", { name: "Start a run cut here" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Ward tree (e2e) — cut into 3 clusters" })).toBeVisible();
  await expect(page.getByText("Finished", { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("dendrogram-cut")).toContainText("→ 3 clusters");
  // Same parameters, seed and data: the same tree, cut where the preview showed, into the clusters it previewed.
  expect(await page.getByTestId("dendrogram").getByTestId("dendrogram-leaf").locator("text").allTextContents()).toEqual(leafLabels);
  expect((await page.getByTestId("dendrogram-legend").locator("li").allTextContents()).map((t) => /\(.*sampled\)/.exec(t)?.[0])).toEqual(
    previewSizes.map((t) => /\(.*sampled\)/.exec(t)?.[0]),
  );
  await expect(page.getByTestId("profile-table").locator("thead th")).toHaveCount(2 + 3);
  await page.screenshot({ path: test.info().outputPath("ward-recut-run.png"), fullPage: true });

  // Side by side: every purchaser was in the tree, so cutting higher only joins clusters: each of the 4
  // goes whole into one of the 3, and the customers who never purchased stay their own group in both.
  const secondRun = page.url().split("/").at(-1)!;
  await page.goto(`/clusters/compare?a=${firstRun}&b=${secondRun}`);
  const table = page.getByTestId("compare-table");
  await expect(table.locator("tbody tr")).toHaveCount(4 + 1);
  await expect(table.locator("thead th")).toHaveCount(1 + 3 + 1);
  await expect(page.getByText("300 customers are in both runs")).toBeVisible();
  const rows = await table
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => Number((td.textContent ?? "").split(" ")[0]!.replace(/[^0-9]/g, "")))),
    );
  for (const row of rows) expect(row.filter((n) => n > 0)).toHaveLength(1);
  expect(rows.flat().reduce((s, n) => s + n, 0)).toBe(300);
  await page.screenshot({ path: test.info().outputPath("ward-compare.png"), fullPage: true });
});
