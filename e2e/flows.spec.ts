import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { setEnv } from "../lib/env";
import { createApiKey } from "../lib/tracking/create-api-key";
import { E2E_PORT } from "./e2e-env";
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
