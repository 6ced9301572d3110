import type { ChildProcess } from "node:child_process";
import { expect, test } from "./fixtures";
import { startWorkerProcess, stopWorkerProcess } from "./worker-process";

let worker: ChildProcess | undefined;
test.beforeAll(async () => {
  worker = await startWorkerProcess();
});
test.afterAll(() => stopWorkerProcess(worker));

test("a marketer rescores RFM on demand from the RFM page and sees it finish", async ({ page, login }) => {
  await login("marketer");
  await page.goto("/segments/rfm");
  await expect(page.getByRole("heading", { level: 1, name: "RFM" })).toBeVisible();
  const rescore = page.getByTestId("rfm-rescore");
  await rescore.getByRole("button", { name: "Rescore now" }).click();
  // Queued or running (with its progress bar), then done: the figures reload.
  await expect(rescore.getByRole("button", { name: "Rescoring…" })).toBeVisible();
  await expect(rescore).toContainText("Rescored", { timeout: 60_000 });
  await expect(rescore.getByRole("button", { name: "Rescore now" })).toBeEnabled();
  await expect(page.getByTestId("rfm-grid")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("e2e-rfm-rescored.png"), fullPage: true });
});

test("a viewer sees the RFM page without the rescore button", async ({ page, login }) => {
  await login("viewer");
  await page.goto("/segments/rfm");
  await expect(page.getByTestId("rfm-grid")).toBeVisible();
  await expect(page.getByRole("button", { name: "Rescore now" })).toHaveCount(0);
});
