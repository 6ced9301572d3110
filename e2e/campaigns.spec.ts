import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { setEnv } from "../lib/env";
import { seedSegment, seedTemplateFrom } from "../lib/campaigns/campaign-fixtures";
import { db } from "../lib/db";
import { E2E_PORT } from "./e2e-env";
import { expect, test } from "./fixtures";
import { startWorkerProcess, stopWorkerProcess } from "./worker-process";

const shots = path.join("test-results", "campaigns");
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

// A link back to the installation, completed per recipient: the browser can follow it in the test.
const mjml = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hello {{ customer.first_name | default: "there" }}, our spring collection is here.</mj-text>
  <mj-button href="http://127.0.0.1:${E2E_PORT}/login?from=spring&amp;cid={{ customer.id }}">See the collection</mj-button>
  <mj-text>{{ organisation.postal_address }} · <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

// A person's browser (Playwright's own user agent says HeadlessChrome: a machine, rightly).
test.use({ userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" });

let worker: ChildProcess | undefined;
let segmentName: string;
let customers: { id: number; email: string | null }[];

test.beforeAll(async () => {
  await db.setting.update({ where: { id: 1 }, data: { postalAddress: "1 Market Street, Leeds LS1 1AA" } }).catch(() => undefined);
  // Five demo customers who consented to email, and one who did not: the funnel shows both.
  const consenting = await db.$queryRaw<{ id: number; email: string | null }[]>`
    SELECT c.id, c.email FROM customers c JOIN consent_latest l ON l.customer_id = c.id AND l.purpose = 'email_marketing' AND l.status = 'granted'
    WHERE c.email LIKE '%@%' AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.email = lower(c.email)) ORDER BY c.id LIMIT 5`;
  const [refused] = await db.$queryRaw<{ id: number }[]>`
    SELECT c.id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM consent_latest l WHERE l.customer_id = c.id AND l.purpose = 'email_marketing' AND l.status = 'granted') ORDER BY c.id LIMIT 1`;
  customers = consenting;
  segmentName = `Spring list ${Date.now()}`;
  await seedSegment(segmentName, [...consenting.map((c) => c.id), refused!.id]);
  await seedTemplateFrom(mjml, "Spring is here, {{ customer.first_name | default: 'friend' }}");
  // The workers send (and, without SMTP_URL, run the Outbox's SMTP server) as with \`npm start\`; a port of this test's own.
  setEnv({ OUTBOX_SMTP_PORT: String(E2E_PORT + 1500) });
  worker = await startWorkerProcess();
});

test.afterAll(async () => {
  stopWorkerProcess(worker);
  await db.$disconnect();
});

test("a marketer creates a campaign from a segment and a template, reviews the funnel and previews, and is asked to confirm before sending", async ({
  page,
  login,
}) => {
  test.setTimeout(120_000);
  await login("marketer");
  await page.getByRole("link", { name: "Campaigns" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
  await shot(page, "1-list");
  await page.getByRole("link", { name: "New campaign" }).first().click();

  // Saving without a segment says what is missing, at the field.
  await page.getByLabel("Campaign name").fill("Spring collection");
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Pick at least one segment to send to.")).toBeVisible();
  await page.getByLabel(`Send to: ${segmentName}`).check();
  await page.getByLabel("Template").selectOption({ label: "Custom" });
  // A local hour in each recipient's zone asks for a day and an hour; this one goes now.
  await page.getByLabel("At a local hour in each recipient's time zone").check();
  await expect(page.getByText("On the day", { exact: true })).toBeVisible();
  await expect(page.getByText("Local hour", { exact: true })).toBeVisible();
  await shot(page, "2-local-hour");
  await page.getByLabel("Now, when I confirm").check();
  await shot(page, "2-new");
  await page.getByRole("button", { name: "Save and review" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Spring collection");
  await expect(page.getByTestId("funnel")).toContainText(
    "6 in segments → 5 will receive: 1 without email consent, 0 suppressed, 0 over the frequency cap, 0 without an address",
  );
  const previews = page.getByRole("article");
  await expect(previews).toHaveCount(3);
  await expect(previews.first()).toContainText("Spring is here");
  await shot(page, "3-review");

  await page.getByRole("button", { name: "Send now…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Confirm sending" });
  await expect(confirm).toContainText("Send “Spring collection” now to about 5 people?");
  await shot(page, "4-confirm");
  await confirm.getByRole("button", { name: "Not yet" }).click();
  await expect(page.getByRole("button", { name: "Send now…" })).toBeVisible();
  expect(customers).toHaveLength(5);
});

test("the marketer sends it, watches the progress to the end, opens a received message in the Outbox, follows its link, and sees the click in the report and on the profile", async ({
  page,
  login,
}) => {
  test.setTimeout(180_000);
  await login("marketer");
  await page.goto("/campaigns");
  await page.getByRole("link", { name: "Spring collection" }).first().click();
  await page.getByRole("button", { name: "Send now…" }).click();
  await page.getByRole("button", { name: "Yes, send to 5 people" }).click();

  // Live progress, polled: it ends with every recipient sent.
  const progress = page.getByRole("region", { name: "Sending progress" });
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await shot(page, "5-progress");
  await expect(progress.getByText("Done")).toBeVisible({ timeout: 120_000 });
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sent");
  const campaignUrl = page.url();

  // The message as received: the Outbox keeps what the SMTP server got.
  const [recipient] = customers;
  await page.goto("/outbox");
  const message = page.getByRole("link", { name: new RegExp(`to ${recipient!.email!.replace(/[.+]/g, "\\$&")}`) });
  await message.click();
  // The Outbox first shows the newest message: wait until the one clicked is the one shown.
  await expect(message).toHaveAttribute("aria-current", "true");
  const frame = page.frameLocator("iframe").first();
  const href = await frame.getByRole("link", { name: "See the collection" }).getAttribute("href");
  expect(href).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_PORT}/api/email/click/`));
  await shot(page, "6-outbox");
  // Scanners click within seconds of delivery; a person reads first.
  await page.waitForTimeout(5_000);
  // The tracked link redirects to the template's address, completed for this recipient (the sign-in page then
  // sends a signed-in marketer on to the dashboard).
  const landed = await page.goto(href!);
  const hops: string[] = [];
  for (let r = landed?.request() ?? null; r; r = r.redirectedFrom()) hops.unshift(r.url());
  expect(hops[1]).toBe(`http://127.0.0.1:${E2E_PORT}/login?from=spring&cid=${recipient!.id}`);

  await page.goto(campaignUrl);
  const report = page.getByRole("region", { name: "Report" });
  await expect(report.getByText("by 1 person · click-through")).toBeVisible();
  await expect(report.getByRole("img", { name: /Emails sent, opens and clicks per minute/ })).toBeVisible();
  await expect(report.getByRole("row").filter({ hasText: "See the collection" })).toContainText("1");
  await shot(page, "7-report");

  await page.goto(`/customers/${recipient!.id}`);
  await expect(page.getByText("Email Link Clicked").first()).toBeVisible();
  await shot(page, "8-profile");
});

test("a viewer reads campaigns but cannot create or send one", async ({ page, login }) => {
  await login("viewer");
  await page.goto("/campaigns");
  await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New campaign" })).toHaveCount(0);
  const response = await page.goto("/campaigns/new");
  expect(response?.status()).toBe(403);
});
