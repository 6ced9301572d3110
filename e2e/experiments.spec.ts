import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { seedSegment, seedTemplateFrom, testActor } from "../lib/campaigns/campaign-fixtures";
import { createCampaign } from "../lib/campaigns/create-campaign";
import { scheduleCampaign } from "../lib/campaigns/schedule-campaign";
import { db } from "../lib/db";
import { setEnv } from "../lib/env";
import { E2E_PORT } from "./e2e-env";
import { expect, test } from "./fixtures";
import { startWorkerProcess, stopWorkerProcess } from "./worker-process";

const shots = path.join("test-results", "experiments");
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

const mjml = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hello {{ customer.first_name | default: "there" }}, the spring collection is here.</mj-text>
  <mj-text>{{ organisation.postal_address }} · <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

let worker: ChildProcess | undefined;
let segmentName: string;
let templateName: string;
let templateId: string;

test.beforeAll(async () => {
  await db.setting
    .update({ where: { id: 1 }, data: { postalAddress: "1 Market Street, Leeds LS1 1AA", frequencyCapCount: null } })
    .catch(() => undefined);
  // Twenty demo customers who consented to email (not the campaign test's five).
  const consenting = await db.$queryRaw<{ id: number }[]>`
    SELECT c.id FROM customers c JOIN consent_latest l ON l.customer_id = c.id AND l.purpose = 'email_marketing' AND l.status = 'granted'
    WHERE c.email LIKE '%@%' AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.email = lower(c.email)) ORDER BY c.id DESC LIMIT 20`;
  segmentName = `Subject test list ${Date.now()}`;
  await seedSegment(
    segmentName,
    consenting.map((c) => c.id),
  );
  templateName = `Spring experiment ${Date.now()}`;
  templateId = await seedTemplateFrom(mjml, "Spring news");
  await db.emailTemplate.update({ where: { id: templateId }, data: { name: templateName } });
  setEnv({ OUTBOX_SMTP_PORT: String(E2E_PORT + 1600) });
  worker = await startWorkerProcess();
});

test.afterAll(async () => {
  stopWorkerProcess(worker);
  await db.$disconnect();
});

test("a marketer sets up an A/B test on the subject with a holdout, sends it, and the report shows each variant and the holdout", async ({
  page,
  login,
}) => {
  test.setTimeout(180_000);
  await login("marketer");
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill("Subject test");
  await page.getByLabel(`Send to: ${segmentName}`).check();
  await page.getByLabel("Template").selectOption({ label: templateName });

  await page.getByLabel("Test variants of this campaign").check();
  await page.getByLabel("Variant A").fill("Spring is here, {{ customer.first_name | default: 'friend' }}");
  // Two variants the same: the form says what to fix.
  await page.getByLabel("Variant B").fill("Spring is here, {{ customer.first_name | default: 'friend' }}");
  await page.getByRole("button", { name: "Save and review" }).click();
  await expect(page.getByText("Two variants are the same: make each one different.")).toBeVisible();
  await page.getByLabel("Variant B").fill("20 % off the spring collection");
  await page.getByLabel("Test portion (%)").fill("50");
  await page.getByLabel("Holdout (%)").fill("10");
  await page.getByLabel("Decide after (hours)").fill("4");
  await shot(page, "1-form");
  await page.getByRole("button", { name: "Save and review" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Subject test");
  await expect(page.getByText("A/B test on subject")).toBeVisible();
  await expect(page.getByTestId("experiment-split")).toContainText(
    "Of 20 who will receive it: 10 in the test (50 %, about 5 per variant), 8 wait for the winner, 2 in the holdout (10 %, sent nothing).",
  );
  await expect(page.getByTestId("experiment-variants")).toContainText("20 % off the spring collection");
  // A preview per variant, each with its own subject.
  await expect(page.locator("article", { hasText: "Variant B" }).first()).toContainText("20 % off the spring collection");
  await shot(page, "2-review");

  await page.getByRole("button", { name: "Send now…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Confirm sending" });
  await expect(confirm).toContainText("10 get one of 2 variants now; 8 get the winner after 4 h. 2 (the holdout) get nothing.");
  await confirm.getByRole("button", { name: /Yes, send to 20 people/ }).click();

  // The worker fans out and sends the test portion; the report's variant table fills in.
  const table = page.getByTestId("variant-table");
  await expect(async () => {
    await page.reload();
    await expect(table).toBeVisible({ timeout: 2_000 });
    const sent = await table.locator("tbody tr").evaluateAll((rows) => rows.slice(0, 2).map((r) => r.children[1]?.textContent ?? ""));
    expect(sent).toEqual(["5", "5"]);
  }).toPass({ timeout: 90_000, intervals: [1_000] });
  await expect(table.locator("tbody tr").nth(0)).toContainText("Spring is here");
  await expect(table.locator("tbody tr").nth(1)).toContainText("20 % off the spring collection");
  await expect(table.locator("tbody tr").nth(2)).toContainText("2 held out");
  await expect(page.getByText("Testing", { exact: true })).toBeVisible();
  await shot(page, "3-report");
});

test("a marketer sets up a send-time test: 09:00 against 18:00 in each recipient's zone, a bandit and the sequential test refused with the reason; the review and the report show the times and the horizon", async ({
  page,
  login,
}) => {
  test.setTimeout(150_000);
  await login("marketer");
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill("Send-time test");
  await page.getByLabel(`Send to: ${segmentName}`).check();
  await page.getByLabel("Template").selectOption({ label: templateName });
  await page.getByLabel("Test variants of this campaign").check();
  await page.getByLabel("What varies").selectOption("send_time");
  // A bandit cannot learn a send time: the choice is off, with the reason beside it.
  await expect(page.getByLabel(/^Bandit/)).toBeDisabled();
  await expect(page.getByTestId("bandit-refusal")).toContainText("A bandit cannot learn a send time");
  // Nor can the sequential test decide one.
  await expect(page.getByRole("option", { name: /Sequential test/ })).toBeDisabled();
  await expect(page.getByText("Send times are decided at a fixed horizon only")).toBeVisible();
  await page.getByLabel("Variant A").fill("09:00");
  await page.getByLabel("Variant B").fill("18:00");
  await page.getByLabel("Winner by").selectOption("revenue");
  await expect(page.getByText("compared with Welch's t")).toBeVisible();
  await page.getByLabel("Test portion (%)").fill("50");
  await page.getByLabel("Holdout (%)").fill("10");
  await page.getByLabel("Decide after (hours)").fill("3");
  await expect(page.getByText("Counted from the last variant's time")).toBeVisible();
  await shot(page, "5-send-time-form");
  await page.getByRole("button", { name: "Save and review" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Send-time test");
  await expect(page.getByText("A/B test on send time")).toBeVisible();
  await expect(page.getByText("Winner by revenue per recipient.")).toBeVisible();
  await expect(page.getByTestId("experiment-variants")).toContainText("09:00 in each recipient's time zone");
  await expect(page.getByTestId("experiment-variants")).toContainText("18:00 in each recipient's time zone");
  await shot(page, "6-send-time-review");
  await page.getByRole("button", { name: "Send now…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Confirm sending" });
  await expect(confirm).toContainText(
    "10 get one of 2 send times; 8 get the winning time, 3 h after the last one. 2 (the holdout) get nothing.",
  );
  await confirm.getByRole("button", { name: /Yes, send to 20 people/ }).click();

  // The worker fans out: the test waits for each variant's time; the report says when it will be decided.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("variant-table")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000, intervals: [1_000] });
  const table = page.getByTestId("variant-table");
  await expect(table.locator("tbody tr").nth(0)).toContainText("09:00 in each recipient's time zone");
  await expect(table.locator("tbody tr").nth(1)).toContainText("18:00 in each recipient's time zone");
  await expect(table.locator("thead th", { hasText: "Revenue per recipient" })).toContainText("decides");
  await expect(page.getByText(/Decision by .* at the latest/)).toBeVisible();
  await shot(page, "7-send-time-report");
});

test("a bandit campaign's report draws each wave's allocation over time, with its axes and units", async ({ page, login }) => {
  test.setTimeout(120_000);
  const { id } = await createCampaign({
    input: {
      name: "Subject bandit",
      includeSegmentIds: [(await db.segment.findFirstOrThrow({ where: { name: segmentName } })).id],
      templateId,
      experiment: {
        mode: "bandit",
        dimension: "subject",
        metric: "open",
        variants: [
          { key: "A", subject: "Spring news" },
          { key: "B", subject: "Spring is here" },
        ],
        testPercent: 20,
        waitMinutes: 60,
      },
    },
    actor: testActor,
  });
  await scheduleCampaign({ id, actor: testActor });
  // The worker fans out and records wave 0; later waves are constructed here (an hour apart).
  await expect.poll(() => db.campaignExperimentAllocation.count({ where: { campaignId: id } }), { timeout: 60_000 }).toBe(1);
  const first = await db.campaignExperimentAllocation.findFirstOrThrow({ where: { campaignId: id } });
  await db.campaignExperimentAllocation.createMany({
    data: [0.7, 0.9, 0.96].map((b, i) => ({
      campaignId: id,
      wave: i + 1,
      at: new Date(first.at.getTime() + (i + 1) * 3_600_000),
      shares: { A: 1 - b, B: b },
      arms: {},
      recipients: 4,
    })),
  });
  await login("marketer");
  await page.goto(`/campaigns/${id}`);
  await expect(page.getByText("Bandit on subject")).toBeVisible();
  const chart = page.getByRole("img", { name: "Share of each wave's recipients per variant over time" });
  await expect(chart).toBeVisible();
  await expect(chart).toContainText("Share of the wave (%)");
  await expect(chart).toContainText("Wave start (UTC)");
  await chart.scrollIntoViewIfNeeded();
  await shot(page, "4-bandit");
});
