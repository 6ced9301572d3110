import type { ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";
import { systemActor } from "../lib/audit/write-audit-log";
import { createClusterRun } from "../lib/clustering/runs/create-cluster-run";
import { getClusterRun } from "../lib/clustering/runs/get-cluster-run";
import { db } from "../lib/db";
import { createTemplate } from "../lib/templates/create-template";
import { expect, test } from "./fixtures";
import { startWorkerProcess, stopWorkerProcess } from "./worker-process";

// Cluster runs and imports are computed by the worker process, as with `npm start`.
let worker: ChildProcess | undefined;
let postalAddress = "";
test.beforeAll(async () => {
  postalAddress = (await db.setting.findUniqueOrThrow({ where: { id: 1 } })).postalAddress;
  worker = await startWorkerProcess();
});
test.afterAll(async () => {
  stopWorkerProcess(worker);
  await db.setting.update({ where: { id: 1 }, data: { postalAddress } });
});

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const setPostalAddress = (value: string) => db.setting.update({ where: { id: 1 }, data: { postalAddress: value } });

test("a template version with errors is a clearly marked draft that cannot become current; the postal address check says where to set it", async ({
  page,
  login,
}) => {
  test.setTimeout(120_000);
  await setPostalAddress("");
  const { id } = await createTemplate({ name: `Drafts ${Date.now()}`, fromGallery: "welcome", createdById: null });
  await login("marketer");

  // Saved while the postal address setting was empty: a draft, nothing current.
  await page.goto(`/templates/${id}`);
  const status = page.getByTestId("version-status");
  await expect(status).toContainText("Editing from version 1.");
  await expect(status).toContainText("Draft: not sent");
  await expect(status).toContainText("No current version yet.");
  await expect(page.getByText("Settings → Postal address").first()).toBeVisible({ timeout: 15_000 });
  await shot(page, "1-editor-draft-no-address");

  // Making it current is refused, saying where to set the address; once set, it becomes current.
  await page.goto(`/templates/${id}/versions`);
  await expect(page.getByTestId("current-version")).toContainText("No version is current yet");
  await page.getByRole("button", { name: "Make version 1 current" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Version 1 cannot become the current version" })).toContainText(
    "Settings → Postal address",
  );
  await shot(page, "2-versions-make-current-refused");
  await setPostalAddress("1 Market Street, Leeds LS1 1AA");
  await page.getByRole("button", { name: "Make version 1 current" }).click();
  await expect(page.getByTestId("current-version")).toContainText("Version 1 is current", { timeout: 15_000 });
  const versions = page.getByRole("list", { name: "Versions" });
  await expect(versions.getByRole("listitem").first()).toContainText("Current");

  // A Liquid error: saved as version 2, a draft; version 1 stays current.
  await page.goto(`/templates/${id}`);
  await page.getByLabel("Subject").fill("Hi {{ customer.first_name ");
  await page.getByRole("button", { name: "Save version" }).click();
  const notice = page.getByText("Saved as version 2. It is a draft: it cannot become the current version until this is fixed.");
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("Campaigns and flows keep using version 1.")).toBeVisible();
  await expect(status).toContainText("Draft: not sent");
  await expect(status).toContainText("Current version: 1.");
  await shot(page, "3-editor-saved-as-draft");

  // Fixed: version 3 is current.
  await page.getByLabel("Subject").fill("Hi {{ customer.first_name }}");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("Saved as version 3. It is now the current version")).toBeVisible({ timeout: 15_000 });
  await page.goto(`/templates/${id}/versions`);
  await expect(versions.getByRole("listitem").nth(0)).toContainText("Current");
  await expect(versions.getByRole("listitem").nth(1)).toContainText("Draft: not sent");
  await shot(page, "4-versions-current-and-draft");
});

test("an import keeps a person whose phone cannot be read and reports the skipped field as a warning", async ({ page, login }) => {
  test.setTimeout(120_000);
  await login("marketer");
  await page.goto("/imports");
  await page.getByRole("link", { name: "Import a file" }).first().click();
  const csv = ["email,first_name,phone", "pia.e2e@example.com,Pia,call me maybe", "ray.e2e@example.com,Ray,", ""].join("\n");
  await page.getByLabel("File to import").setInputFiles({ name: "phones.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.getByRole("progressbar", { name: "Upload progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByLabel("Tailor field for column phone")).toHaveValue("phone");
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 60_000 });
  const result = page.getByLabel("Import result");
  await expect(result).toContainText("Imported2");
  await expect(result).toContainText("Rejected0");
  await expect(result).toContainText("Field skipped1");
  await expect(page.getByRole("link", { name: "Download skipped fields (CSV)" })).toBeVisible();
  await shot(page, "5-import-field-skipped");

  await page.getByRole("link", { name: "Details" }).click();
  const row = page.getByRole("row").filter({ hasText: "call me maybe" });
  await expect(row).toContainText("Field skipped, row imported");
  await expect(row).toContainText("phone");
  expect(await db.customer.findFirst({ where: { email: "pia.e2e@example.com" }, select: { phone: true } })).toEqual({ phone: null });
  await shot(page, "6-import-detail-skipped-field");
});

test("an order import keeps a line whose currency cannot be read, reports the skipped field, and still rejects a line without a date", async ({
  page,
  login,
}) => {
  test.setTimeout(120_000);
  await login("marketer");
  await page.goto("/imports/new");
  const csv = [
    "order_id,email,order_date,sku,quantity,price,currency",
    "E2E-O1,ola.e2e@example.com,2024-06-01,MUG,2,10.00,euros",
    "E2E-O2,ola.e2e@example.com,2024-06-02,MUG,1,10.00,EUR",
    "E2E-O3,ola.e2e@example.com,sometime,MUG,1,10.00,EUR",
    "",
  ].join("\n");
  await page.getByLabel("File to import").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.getByRole("progressbar", { name: "Upload progress" })).toHaveAttribute("aria-valuenow", "100");
  await page.getByLabel("The file holds").selectOption("orders");
  await expect(page.getByLabel("Tailor field for column currency")).toHaveValue("currency");
  await expect(page.getByLabel("Tailor field for column order_date")).toHaveValue("placed_at");
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 60_000 });
  const result = page.getByLabel("Import result");
  await expect(result).toContainText("Imported2");
  await expect(result).toContainText("Rejected1");
  await expect(result).toContainText("Field skipped1");
  await expect(page.getByRole("link", { name: "Download rejected rows and skipped fields (CSV)" })).toBeVisible();
  await shot(page, "6a-order-import-field-skipped");

  await page.getByRole("link", { name: "Details" }).click();
  const skipped = page.getByRole("row").filter({ hasText: "euros" });
  await expect(skipped).toContainText("Field skipped, row imported");
  await expect(skipped).toContainText("imported in the currency of Settings → Currency");
  await expect(page.getByRole("row").filter({ hasText: "sometime" })).toContainText("Row rejected");
  const order = await db.order.findFirst({ where: { orderNumber: "E2E-O1" }, select: { currency: true } });
  expect(order?.currency).toMatch(/^[A-Z]{3}$/);
  await shot(page, "6b-order-import-detail-skipped-field");
});

async function finishedRun(input: Parameters<typeof createClusterRun>[0]["input"]) {
  const { id } = await createClusterRun({ input, actor: systemActor("system") });
  await expect.poll(async () => (await getClusterRun({ id })).status, { timeout: 90_000 }).toBe("succeeded");
  return getClusterRun({ id });
}

test("clusters keep customers who never purchased apart as their own group, and never call them buyers", async ({ page, login }) => {
  test.setTimeout(180_000);
  const base = {
    features: ["recency_days", "frequency", "monetary"],
    algorithm: { kind: "kmeans" as const, k: 3, nInit: 3, maxIter: 100 },
    elbowMaxK: 4,
    seed: 11,
  };
  const apart = await finishedRun({ ...base, name: "Buyers and the rest (e2e)" });
  const never = apart.results!.neverPurchased!;
  expect(never).toBeGreaterThan(0);
  await login("marketer");
  await page.goto(`/clusters/${apart.id}`);
  await expect(page.getByText("customers who never purchased kept apart as their own group")).toBeVisible();
  await expect(page.getByTestId("never-purchased-size")).toContainText(String(never));
  const group = page.getByTestId("cluster-card--3").locator("..");
  await expect(group).toContainText("Never purchased");
  await expect(group.getByRole("button", { name: "Save as segment (snapshot)" })).toBeVisible();
  await shot(page, "7-cluster-run-never-purchased-apart");

  // The segment builder offers the same group, counted as the run stored it, and lets a marketer exclude it.
  await page.goto("/segments/new");
  const cond = page.getByTestId("condition").first();
  await cond.getByLabel("Condition type").selectOption("cluster");
  await cond.getByLabel("Clustering run").selectOption({ label: "Buyers and the rest (e2e)" });
  const clusterSelect = cond.getByLabel("Cluster", { exact: true });
  await expect(clusterSelect.locator("option", { hasText: "Never purchased (kept apart)" })).toHaveText(
    `Never purchased (kept apart) · ${never.toLocaleString("en-GB")} customers`,
  );
  await clusterSelect.selectOption(String(-3));
  await expect(cond.getByLabel("Snapshot or live")).toBeDisabled();
  await expect(cond.getByTestId("never-purchased-note")).toContainText("They are not buyers");
  await expect(cond.getByTestId("condition-count")).toHaveText(`${never.toLocaleString("en-GB")} alone`);
  await expect(page.getByTestId("segment-count")).toHaveText(never.toLocaleString("en-GB"));
  await shot(page, "7a-segment-never-purchased-group");
  const everyone = await db.customer.count();
  await page.getByTestId("group").first().getByLabel("not", { exact: true }).check();
  await expect(page.getByTestId("segment-count")).toHaveText((everyone - never).toLocaleString("en-GB"));
  await shot(page, "7b-segment-without-never-purchased");

  // Clustered with the others on request: the names say who never purchased, and the filled values are shown as such.
  const mixed = await finishedRun({ ...base, name: "Everyone together (e2e)", preprocessing: { neverPurchased: "include" } });
  const withThem = mixed.results!.profiles.filter((p) => (p.neverPurchased ?? 0) > 0);
  expect(withThem.length).toBeGreaterThan(0);
  for (const p of withThem) expect(mixed.clusterNames[p.cluster]).toMatch(/never purchased/);
  for (const p of withThem) expect(mixed.clusterNames[p.cluster]).not.toMatch(/buyers|spenders/);
  await page.goto(`/clusters/${mixed.id}`);
  const profile = page.getByTestId("profile-table");
  await expect(profile.getByTestId("never-purchased-share").first()).toBeVisible();
  await expect(profile.getByTestId("filled").first()).toContainText("filled with the median");
  await shot(page, "8-cluster-run-filled-values");
});
