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

test("an R×F grid cell opens exactly that cell's customers; a treemap tile opens its named segment", async ({ page, login }) => {
  await login("marketer");
  await page.goto("/segments/rfm");
  const grid = page.getByTestId("rfm-grid");
  // A cell of a segment that spans several cells (Hibernating: R1–2 × F1–2), so its count differs from the segment's.
  let cell = null;
  for (const [r, f] of [
    [1, 1],
    [1, 2],
    [2, 1],
    [2, 2],
  ] as const) {
    const candidate = grid.getByTestId(`rfm-cell-${r}-${f}`);
    if (Number((await candidate.locator("span").first().textContent())!.replaceAll(",", "")) > 0) {
      cell = { r, f, count: (await candidate.locator("span").first().textContent())!, link: candidate };
      break;
    }
  }
  expect(cell).not.toBeNull();
  await cell!.link.click();
  await expect(page.getByRole("heading", { level: 1, name: "New segment" })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(`RFM: R${cell!.r} F${cell!.f}`);
  await expect(page.getByTestId("segment-count")).toHaveText(cell!.count);

  await page.goto("/segments/rfm");
  const tile = page.getByTestId("rfm-tile").first();
  const name = (await tile.getAttribute("aria-label"))!.replace(/: open its customers$/, "");
  const customers = await page
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name, exact: true }) })
    .getByRole("cell")
    .nth(1)
    .textContent();
  await tile.click();
  await expect(page.getByLabel("Name")).toHaveValue(`RFM: ${name}`);
  await expect(page.getByTestId("segment-count")).toHaveText(customers!);
});
