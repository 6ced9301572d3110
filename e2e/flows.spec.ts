import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { setEnv } from "../lib/env";
import { createApiKey } from "../lib/tracking/create-api-key";
import { personAt } from "../test/flow-test-kit";
import { E2E_PORT } from "./e2e-env";
import { liveStarter } from "./flow-starters";
import { expect, test } from "./fixtures";
import { startWorkerProcess, stopWorkerProcess } from "./worker-process";

const shots = path.join("test-results", "flows");
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

let worker: ChildProcess | undefined;
let secretKey: string;

test.beforeAll(async () => {
  await db.setting.update({ where: { id: 1 }, data: { postalAddress: "1 Market Street, Leeds LS1 1AA" } }).catch(() => undefined);
  secretKey = (await createApiKey({ input: { label: "Shop server", kind: "secret", source: "shop" }, actor: systemActor("system") })).token;
  // The workers run the flow engine and, without SMTP_URL, the Outbox's SMTP server (a port of this test's own).
  setEnv({ OUTBOX_SMTP_PORT: String(E2E_PORT + 1600) });
  worker = await startWorkerProcess();
});

test.afterAll(async () => {
  stopWorkerProcess(worker);
  await db.$disconnect();
});

/** A tracking call as a shop's server makes it (secret key, HTTP Basic). */
async function call(request: APIRequestContext, endpoint: string, body: Record<string, unknown>) {
  const response = await request.post(`/api/v1/${endpoint}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${secretKey}:`).toString("base64")}` },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(200);
}

test("a marketer builds an abandoned-cart flow from the starter, shortens its wait, switches it on; a cart tracked by the shop is emailed after the wait and the step counts move", async ({
  page,
  login,
  request,
}) => {
  test.setTimeout(180_000);
  await login("marketer");
  await page.getByRole("link", { name: "Flows" }).first().click();
  await page.getByRole("button", { name: "Start from “Abandoned cart”" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Abandoned cart" })).toBeVisible();
  await expect(page.locator('[data-step="wait-4h"]')).toContainText("4 hours");

  // The editor: the wait becomes 20 seconds (hours in real life).
  await page.getByRole("button", { name: "Edit steps" }).click();
  const editor = page.getByRole("region", { name: "Flow editor" });
  await editor.getByLabel("Wait amount (wait-4h)").fill("20");
  await editor.getByLabel("Wait unit (wait-4h)").selectOption("seconds");
  await shot(page, "1-editor");
  await editor.getByRole("button", { name: "Save steps" }).click();
  await expect(page.locator('[data-step="wait-4h"]')).toContainText("20 seconds");
  const flowId = page.url().split("/flows/")[1]!;

  await page.getByRole("button", { name: "Switch on" }).click();
  await expect(page.getByRole("alertdialog", { name: "Confirm the change" })).toContainText("enters this flow and gets its emails");
  await page.getByRole("button", { name: "Yes, switch on" }).click();
  await expect(page.getByText("live", { exact: true })).toBeVisible();

  // The shop's server: who the shopper is, their consent, then the cart.
  const tag = Date.now();
  const email = `shopper-${tag}@example.com`;
  const userId = `shopper-${tag}`;
  await call(request, "identify", { userId, traits: { email, first_name: "Robin" } });
  await call(request, "track", {
    userId,
    event: "Consent Preference Updated",
    context: { consent: { categoryPreferences: { email_marketing: true } } },
  });
  await expect
    .poll(async () => db.consentRecord.count({ where: { customer: { email }, purpose: "email_marketing", status: "granted" } }), {
      timeout: 30_000,
    })
    .toBe(1);
  await call(request, "track", {
    userId,
    event: "Added to Cart",
    properties: {
      products: [{ sku: "OAK-1", name: "Oak side table", price: 120, quantity: 1, url: `http://127.0.0.1:${E2E_PORT}/products/oak` }],
    },
  });

  // Live counts: the shopper waits at the wait step, then passes it and is emailed.
  const count = (step: string, label: string) => page.locator(`[data-step="${step}"] [data-count="${label}"]`);
  await expect(count("wait-4h", "waiting now")).toHaveText("1", { timeout: 30_000 });
  await shot(page, "2-waiting");
  await expect(count("wait-4h", "passed")).toHaveText("1", { timeout: 60_000 });
  await expect(count("cart-email", "emails sent")).toHaveText("1", { timeout: 30_000 });
  await expect(page.locator('[data-count="in the flow"]')).toHaveText("0");
  await shot(page, "3-counts");
  // Sent after the wait, not before.
  const [timing] = await db.$queryRaw<{ waited: number }[]>`
    SELECT extract(epoch FROM m.sent_at - r.entered_at)::float AS waited
    FROM flow_messages m JOIN flow_runs r ON r.id = m.run_id WHERE m.flow_id = ${flowId}`;
  expect(timing!.waited).toBeGreaterThanOrEqual(20);

  // The email as received: the Outbox keeps what the SMTP server got, with the cart's item.
  await page.goto("/outbox");
  const message = page.getByRole("link", { name: new RegExp(`to ${email.replace(/[.+]/g, "\\$&")}`) });
  await message.click();
  await expect(message).toHaveAttribute("aria-current", "true");
  await expect(message).toContainText("Robin, you left something behind");
  const frame = page.frameLocator("iframe").first();
  await expect(frame.getByText("Oak side table").first()).toBeVisible();
  await shot(page, "4-outbox");
});

test("a marketer edits the steps of a live welcome series: the confirmation counts who will reach the changed branch and who leaves with the removed step; a field's error shows beside it until edited", async ({
  page,
  login,
}) => {
  test.setTimeout(180_000);
  await login("marketer");
  const flowId = await liveStarter(page, "Welcome series");
  // People inside, waiting where the engine leaves them: before the branch, and on its "no" path.
  for (const [step, n] of [
    ["welcome-email", 2],
    ["wait-3d", 3],
    ["offer-email", 1],
  ] as const)
    for (let i = 0; i < n; i++) await personAt(flowId, step);
  await page.reload();

  await page.getByRole("button", { name: "Edit steps" }).click();
  const editor = page.getByRole("region", { name: "Flow editor" });
  // A mistake first: the message stands beside the field and goes once the field is edited.
  await editor.getByLabel("Kind of step to add (end)").selectOption("add_tag");
  await editor.getByRole("button", { name: "Add a step (end)" }).click();
  await editor.getByLabel("Tag (add-tag-1)").fill("");
  await editor.getByRole("button", { name: "Save steps" }).click();
  await expect(editor.getByRole("alert")).toContainText("Step add-tag-1: tag — Name the tag");
  const beside = editor.locator('[data-field-error="step.add-tag-1.tag"]');
  await expect(beside).toHaveText("Name the tag");
  await shot(page, "5-field-error");
  await editor.getByLabel("Tag (add-tag-1)").fill("welcomed");
  await expect(beside).toHaveCount(0);
  await expect(editor.getByRole("alert")).toHaveCount(0);
  await editor.getByRole("button", { name: "Remove add-tag-1" }).click();

  await editor.getByLabel("Branch rule (bought-yet)").selectOption("random");
  await editor.getByRole("button", { name: "Remove offer-email" }).click();
  await editor.getByRole("button", { name: "Save steps" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Confirm the edit" });
  await expect(confirm).toContainText("6 people are inside this flow now.");
  await expect(confirm).toContainText("5 people are waiting at or before the changed branch “bought-yet”; they will follow the new steps.");
  await expect(confirm).toContainText(
    "1 person waiting at the removed send step “offer-email” will leave the flow now and get none of its remaining emails.",
  );
  await shot(page, "6-steps-confirm");
  await confirm.getByRole("button", { name: "Yes, save the steps" }).click();
  await expect(page.locator('[data-step="bought-yet"]')).toContainText("Random split: 50% yes");
  const runs = await db.flowRun.groupBy({ by: ["status"], where: { flowId }, _count: true });
  expect(Object.fromEntries(runs.map((r) => [r.status, r._count]))).toEqual({ active: 5, exited: 1 });
});
