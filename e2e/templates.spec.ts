import type { Page } from "@playwright/test";
import { db } from "../lib/db";
import { demoEmail, expect, test } from "./fixtures";

// The footer check needs the postal address setting: this file sets it itself (and restores it), so
// that it passes alone as well as after the campaign tests.
let postalAddress = "";
test.beforeAll(async () => {
  postalAddress = (await db.setting.findUniqueOrThrow({ where: { id: 1 } })).postalAddress;
  await db.setting.update({ where: { id: 1 }, data: { postalAddress: "1 Market Street, Leeds LS1 1AA" } });
});
test.afterAll(async () => {
  await db.setting.update({ where: { id: 1 }, data: { postalAddress } });
  await db.$disconnect();
});

/** A template whose greeting and middle section depend on the customer (line numbers matter below). */
const body = [
  "<mjml>",
  "  <mj-body>",
  "    <mj-section>",
  "      <mj-column>",
  '        <mj-text>Hello {{ customer.first_name | default: "there" }}!</mj-text>',
  "      </mj-column>",
  "    </mj-section>",
  '    <mj-raw>{% if customer.rfm_segment == "Champions" %}</mj-raw>',
  "    <mj-section><mj-column><mj-text>You are one of our Champions.</mj-text></mj-column></mj-section>",
  "    <mj-raw>{% else %}</mj-raw>",
  "    <mj-section><mj-column><mj-text>We picked something for you.</mj-text></mj-column></mj-section>",
  "    <mj-raw>{% endif %}</mj-raw>",
  '    <mj-section><mj-column><mj-text>{{ organisation.postal_address }} · <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text></mj-column></mj-section>',
  "  </mj-body>",
  "</mjml>",
].join("\n");

async function previewAs(page: Page, customer: { email: string | null }) {
  await page.getByLabel("Preview as customer").fill(customer.email ?? "");
  await page
    .getByRole("listbox", { name: "Matching customers" })
    .getByRole("button", { name: customer.email ?? "" })
    .click();
  await expect(page.getByTestId("preview-to")).toContainText(customer.email ?? "");
}

test("a marketer edits a template, sees an error at its line come and go, previews as two customers and on a phone", async ({
  page,
  login,
}) => {
  const withName = { email: { not: null }, firstName: { not: null } } as const;
  const champion = await db.customer.findFirstOrThrow({
    where: { ...withName, features: { rfmSegment: "Champions" } },
    orderBy: { id: "asc" },
    select: { id: true, email: true, firstName: true },
  });
  const other = await db.customer.findFirstOrThrow({
    where: { ...withName, firstName: { not: champion.firstName }, features: { rfmSegment: { not: "Champions" } } },
    orderBy: { id: "asc" },
    select: { id: true, email: true, firstName: true },
  });

  await login("marketer");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Templates" })).toBeVisible();
  await page.getByRole("link", { name: "New template" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New template" })).toBeVisible();
  const blank = page.getByRole("radio", { name: /^Blank/ });
  const name = page.getByRole("textbox", { name: "Name" });
  const templateName = `Greeting (e2e ${Date.now()})`;
  await expect(async () => {
    await blank.check();
    await name.fill(templateName);
    await expect(blank).toBeChecked();
    await expect(name).toHaveValue(templateName);
  }).toPass();
  await page.getByRole("button", { name: "Create and open the editor" }).click();
  await expect(page).toHaveURL(/\/templates\/(?!new)[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: templateName })).toBeVisible();

  // Replace the body, as if pasted.
  await page.getByLabel("Subject").fill('Hi {{ customer.first_name | default: "there" }}');
  const editor = page.getByRole("textbox", { name: "Template body" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(body);
  await expect(page.getByRole("status", { name: "Template check" })).toContainText("No problems found", { timeout: 15_000 });

  // Break line 8 (an unknown Liquid tag), as if pasted: the error shows at line 8, in the editor and in the list.
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(body.replace("{% if customer", "{% iff customer"));
  const problems = page.getByRole("list", { name: "Template problems" });
  await expect(problems.getByRole("listitem").filter({ hasText: "Body, line 8" }).first()).toContainText("Liquid", { timeout: 15_000 });
  await expect(page.locator('.cm-line[data-diagnostic-line="8"]')).toHaveClass(/cm-diagnosticLine-error/);
  await expect(page.locator(".cm-lint-marker-error").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("e2e-template-error.png"), fullPage: true });

  // Undo: the error goes away.
  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.getByRole("status", { name: "Template check" })).toContainText("No problems found", { timeout: 15_000 });
  await expect(page.locator("[data-diagnostic-line]")).toHaveCount(0);

  // Preview as a Champion, then as someone else: different names, different conditional blocks.
  const frame = page.frameLocator('iframe[title="Email preview"]');
  await previewAs(page, champion);
  await expect(frame.getByText(`Hello ${champion.firstName}!`)).toBeVisible({ timeout: 15_000 });
  await expect(frame.getByText("You are one of our Champions.")).toBeVisible();
  await expect(frame.getByText("We picked something for you.")).toHaveCount(0);
  await expect(page.getByTestId("preview-subject")).toHaveText(`Hi ${champion.firstName}`);
  const branches = page.getByRole("region", { name: "Conditional branches" });
  await expect(branches.getByRole("listitem").first()).toContainText("Shown");
  await page.screenshot({ path: test.info().outputPath("e2e-template-champion.png"), fullPage: true });

  await previewAs(page, other);
  await expect(frame.getByText(`Hello ${other.firstName}!`)).toBeVisible({ timeout: 15_000 });
  await expect(frame.getByText("We picked something for you.")).toBeVisible();
  await expect(frame.getByText("You are one of our Champions.")).toHaveCount(0);
  const variables = page.getByRole("region", { name: "Personalization variables" });
  await expect(variables.getByRole("row").filter({ hasText: "customer.first_name" })).toContainText(other.firstName ?? "");

  // Mobile width.
  const iframe = page.locator('iframe[title="Email preview"]');
  await expect(iframe).toHaveAttribute("sandbox", "");
  await page.getByRole("button", { name: /^Mobile/ }).click();
  await expect(iframe).toHaveAttribute("data-width", "mobile");
  expect(Math.round((await iframe.boundingBox())?.width ?? 0)).toBe(375);
  await page.screenshot({ path: test.info().outputPath("e2e-template-mobile.png"), fullPage: true });

  // Creating saved version 1 (the blank page); saving the edits makes version 2.
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();

  // A test email goes only to Tailor's users (or addresses an admin allows): a stranger is refused, saying why.
  await page.getByLabel("Send a test to").fill("qa@example.com");
  await page.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "qa@example.com is neither" })).toBeVisible({ timeout: 15_000 });
  // To the user's own address it lands in the Outbox (no SMTP_URL here), rendered for the previewed customer.
  await page.getByLabel("Send a test to").fill(demoEmail("marketer"));
  await page.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByRole("status").filter({ hasText: "landed in the" })).toBeVisible({ timeout: 15_000 });
  await page.getByRole("link", { name: "Outbox" }).last().click();
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: `[Test] Hi ${other.firstName}` })).toBeVisible();
  await expect(page.frameLocator('iframe[title="Email preview"]').getByText(`Hello ${other.firstName}!`)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("e2e-outbox.png"), fullPage: true });
});

test("walking a segment shows one member after another, and versions compare and restore", async ({ page, login }) => {
  // A template made through lib (its editor flow is tested above), with a second version that greets differently.
  const { createTemplate } = await import("../lib/templates/create-template");
  const { saveTemplateVersion } = await import("../lib/templates/save-template-version");
  const name = `Walk and restore (e2e ${Date.now()})`;
  const { id } = await createTemplate({ name, createdById: null });
  const v1 = body.replace("Hello {{", "Good morning {{");
  await saveTemplateVersion({ templateId: id, subject: "Morning {{ customer.first_name }}", preheader: "", mjml: v1, createdById: null });
  await saveTemplateVersion({
    templateId: id,
    subject: "Evening {{ customer.first_name }}",
    preheader: "",
    mjml: body.replace("Hello {{", "Good evening {{"),
    createdById: null,
  });

  // A segment of two named customers with different first names.
  const members = await db.customer.findMany({
    where: { email: { not: null }, firstName: { not: null } },
    orderBy: { id: "asc" },
    take: 40,
    select: { id: true, email: true, firstName: true },
  });
  const first = members[0]!;
  const second = members.find((m) => m.firstName !== first.firstName)!;
  const segment = await db.segment.create({
    data: {
      name: `Two to walk (e2e ${Date.now()})`,
      rules: { type: "group", op: "and", children: [] },
      buildStatus: "idle",
      memberCount: 2,
    },
  });
  await db.segmentMember.createMany({ data: [first, second].map((c) => ({ segmentId: segment.id, customerId: c.id })) });

  try {
    await login("marketer");
    await page.goto(`/templates/${id}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const frame = page.frameLocator('iframe[title="Email preview"]');
    await page.getByLabel("Or a segment’s members").selectOption(segment.id);
    await expect(page.getByTestId("preview-to")).toContainText(first.email!, { timeout: 15_000 });
    await expect(frame.getByText(`Good evening ${first.firstName}!`)).toBeVisible({ timeout: 15_000 });
    await page.getByRole("button", { name: "Next customer" }).click();
    await expect(page.getByTestId("preview-to")).toContainText(second.email!, { timeout: 15_000 });
    await expect(frame.getByText(`Good evening ${second.firstName}!`)).toBeVisible({ timeout: 15_000 });
    // After the last member, back to the first.
    await page.getByRole("button", { name: "Next customer" }).click();
    await expect(page.getByTestId("preview-to")).toContainText(first.email!, { timeout: 15_000 });
    await page.screenshot({ path: test.info().outputPath("e2e-segment-walk.png"), fullPage: true });

    // Versions: 3 (newest) against 2 by default; 2 → 3 changed the subject and one body line.
    await page.goto(`/templates/${id}/versions`);
    await expect(page.getByRole("heading", { level: 1, name: "Versions" })).toBeVisible();
    await expect(page.getByText("Version 2 → version 3")).toBeVisible();
    await expect(page.getByText("− Morning {{ customer.first_name }}")).toBeVisible();
    await expect(page.getByText("+ Evening {{ customer.first_name }}")).toBeVisible();
    const changes = page.getByRole("table", { name: "Body changes" });
    await expect(changes.locator('tr[data-kind="removed"]')).toContainText(["Good morning"]);
    await expect(changes.locator('tr[data-kind="added"]')).toContainText(["Good evening"]);
    await page.screenshot({ path: test.info().outputPath("e2e-versions-compare.png"), fullPage: true });

    // Restoring version 2 saves a new version 4 with version 2's content and opens the editor on it; nothing is rewritten.
    await page.getByRole("button", { name: "Restore version 2" }).click();
    await expect(page).toHaveURL(new RegExp(`/templates/${id}$`), { timeout: 15_000 });
    await expect(page.getByLabel("Subject")).toHaveValue("Morning {{ customer.first_name }}");
    await page.goto(`/templates/${id}/versions`);
    const versions = page.getByRole("list", { name: "Versions" });
    await expect(versions.getByRole("listitem").first()).toContainText("Version 4", { timeout: 15_000 });
    await expect(versions.getByRole("listitem").first()).toContainText("restored from version 2");
    await expect(versions.getByRole("listitem")).toHaveCount(4);
    const saved = await db.emailTemplateVersion.findMany({
      where: { templateId: id },
      orderBy: { number: "asc" },
      select: { number: true, subject: true, mjml: true },
    });
    expect(saved.map((v) => v.number)).toEqual([1, 2, 3, 4]);
    expect(saved[3]).toMatchObject({ subject: "Morning {{ customer.first_name }}", mjml: v1 });
    expect(saved[2]!.subject).toBe("Evening {{ customer.first_name }}");
    await page.screenshot({ path: test.info().outputPath("e2e-versions-restored.png"), fullPage: true });
  } finally {
    await db.segment.delete({ where: { id: segment.id } });
  }
});
