import type { ChildProcess } from "node:child_process";
import { expect, test } from "./fixtures";
import { startWorkerProcess, stopWorkerProcess } from "./worker-process";

// Runs are computed by the worker process, as with `npm start`.
let worker: ChildProcess | undefined;
test.beforeAll(async () => {
  worker = await startWorkerProcess();
});
test.afterAll(() => stopWorkerProcess(worker));

const shots = "/tmp/shots-issue8app";

test("a marketer clusters the demo customers, reads the elbow and the profiles, and saves a cluster as a segment of the same size", async ({ page, login }) => {
  test.setTimeout(120_000);
  await login("marketer");
  await page.goto("/clusters");
  await page.getByRole("link", { name: /New clustering run|Start your first run/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New clustering run" })).toBeVisible();
  // Defaults: days since last purchase, purchases and net revenue; log of the last two; z-score; K-Means with the suggested k.
  await page.getByLabel("Run name (optional)").fill("RFM groups (e2e)");
  await page.screenshot({ path: `${shots}/new-run-form.png`, fullPage: true });
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
  await page.screenshot({ path: `${shots}/run-page.png`, fullPage: true });

  const card = page.getByTestId("cluster-card-0").locator("..");
  const size = Number(((await card.getByTestId("cluster-size").textContent()) ?? "").replace(/[^0-9]/g, ""));
  expect(size).toBeGreaterThan(0);
  await card.getByLabel("Segment name for cluster 1").fill("Cluster 1 (e2e)");
  await card.getByRole("button", { name: "Save as segment (snapshot)" }).click();
  await card.getByRole("link", { name: "Open the segment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cluster 1 (e2e)" })).toBeVisible();
  await expect(page.getByTestId("stored-count")).toHaveText(`${size.toLocaleString("en-GB")} stored members`, { timeout: 30_000 });
  await page.screenshot({ path: `${shots}/saved-cluster-segment.png`, fullPage: true });
});
