import type { ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";
import { db } from "../lib/db";
import { expect, test } from "./fixtures";
import { startWorkerProcess, stopWorkerProcess } from "./worker-process";

// Every job page shows its job the same way: polled every second while it runs, "finished" within
// a second or two of the end, "took" the time the user waited.
let worker: ChildProcess | undefined;
test.afterAll(async () => {
  stopWorkerProcess(worker);
  await db.$disconnect();
});

/** When each answer to `path` arrived (ms since the epoch). */
function answersTo(page: Page, path: RegExp): number[] {
  const at: number[] = [];
  page.on("response", (r) => {
    if (r.request().method() === "GET" && path.test(new URL(r.url()).pathname)) at.push(Date.now());
  });
  return at;
}

test("an import says it waits for the worker only once no worker picked it up after a few seconds", async ({ page, login }) => {
  test.setTimeout(90_000);
  await login("marketer");
  await page.goto("/imports/new");
  const csv = ["email,first_name", "waiting.e2e@example.com,Wanda", ""].join("\n");
  await page.getByLabel("File to import").setInputFiles({ name: "waiting.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.getByRole("progressbar", { name: "Upload progress" })).toHaveAttribute("aria-valuenow", "100");
  await page.getByRole("button", { name: "Start import" }).click();
  const panel = page.getByTestId("job-progress");
  await expect(panel).toHaveAttribute("data-status", "queued");
  const queuedAt = Date.now();
  // No worker runs yet: first "Starting…", and the warning only after the grace period.
  await expect(panel).toContainText("Starting…");
  await expect(panel).toContainText("Waiting for the worker", { timeout: 15_000 });
  expect(Date.now() - queuedAt).toBeGreaterThan(3_000);
  await page.screenshot({ path: test.info().outputPath("import-waiting-for-worker.png"), fullPage: true });
  // A worker starts: the import runs and finishes without a reload.
  worker = await startWorkerProcess();
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("job-took")).toContainText(/of it waiting for the worker/);
});

test("a clustering run's page follows the run to its end and says how long the marketer waited", async ({ page, login }) => {
  test.setTimeout(120_000);
  worker ??= await startWorkerProcess();
  await login("marketer");
  await page.goto("/clusters/new");
  await page.getByLabel("Run name (optional)").fill("Progress (e2e)");
  const polls = answersTo(page, /^\/api\/v1\/clusters\/runs\/[^/]+$/);
  await page.getByRole("button", { name: "Start clustering" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Progress (e2e)" })).toBeVisible();
  const id = page.url().split("/").at(-1)!;

  // The page follows the run without a reload, polling while it runs (how promptly is no browser
  // test's business on a shared machine: the poll interval is the page's, one second).
  const panel = page.getByTestId("job-progress");
  await expect(panel).toHaveAttribute("data-status", "succeeded", { timeout: 90_000 });
  expect(polls.length).toBeGreaterThan(0);
  const run = await db.clusterRun.findUniqueOrThrow({ where: { id }, select: { createdAt: true, finishedAt: true } });

  await expect(page.getByText("Finished", { exact: true })).toBeVisible();
  const waited = Math.floor((run.finishedAt!.getTime() - run.createdAt.getTime()) / 1000);
  await expect(page.getByTestId("job-took")).toHaveText(new RegExp(`^Finished · took ${waited} s`));
  await page.screenshot({ path: test.info().outputPath("cluster-run-finished.png"), fullPage: true });
});
