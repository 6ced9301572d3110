import { readFile } from "node:fs/promises";
import { createConsentPurpose } from "../lib/consent/save-consent-purpose";
import { db } from "../lib/db";
import { saveSegment } from "../lib/segments/save-segment";
import { expect, test } from "./fixtures";

test.afterAll(async () => {
  await db.$disconnect();
});

test("the consent condition lists every purpose, including one an admin added", async ({ page, login }) => {
  if (!(await db.consentPurpose.findUnique({ where: { key: "sms_marketing" } })))
    await createConsentPurpose({
      key: "sms_marketing",
      label: "SMS marketing",
      description: "",
      defaultRule: "opt_in",
      actor: { id: null, label: "e2e" },
    });
  await login("marketer");
  await page.goto("/segments/new");
  const cond = page.getByTestId("condition").first();
  await cond.getByLabel("Condition type").selectOption("consent");
  const purpose = cond.getByLabel("Purpose");
  await expect(purpose.locator("option")).toHaveText([
    "Email marketing (needs a grant)",
    "Personalization and profiling (unless objected)",
    "SMS marketing (needs a grant)",
  ]);
  await purpose.selectOption("sms_marketing");
  await expect(page.getByTestId("segment-count")).toHaveText("0"); // nobody granted SMS yet
});

test("“Why?” opens under the person it explains, in view", async ({ page, login }) => {
  await login("marketer");
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto("/segments/new");
  const sample = page.getByTestId("sample");
  await expect(sample.getByRole("listitem").nth(2)).toBeVisible();
  const row = sample.getByRole("listitem").nth(2);
  await row.getByRole("button", { name: "Why?" }).click();
  const explanation = row.getByTestId("explanation");
  await expect(explanation).toContainText("this segment");
  await expect(explanation).toBeInViewport();
});

test("a segment export holds only mailable people by default, with a consent column per purpose; viewers get no export button", async ({
  page,
  login,
}) => {
  const segment = await db.segment.findFirst({ where: { memberCount: { gt: 0 } }, orderBy: { memberCount: "desc" }, select: { id: true } });
  const id =
    segment?.id ??
    (
      await saveSegment({
        input: {
          name: "Everyone with an email (e2e)",
          description: "",
          rules: {
            type: "group",
            op: "and",
            children: [{ type: "condition", kind: "attribute", field: "email", custom: false, valueType: "text", op: "is_not_empty" }],
          } as never,
        },
        actor: { id: null, label: "e2e" },
      })
    ).id;
  await login("marketer");
  await page.goto(`/segments/${id}`);
  await expect(page.getByTestId("stored-count")).not.toHaveText("0 stored members", { timeout: 30_000 });
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV (mailable)" }).click();
  const lines = (await readFile((await (await download).path())!, "utf8")).trim().split("\n");
  const header = lines[0]!.split(",");
  expect(header).toEqual(expect.arrayContaining(["mailable", "consent_email_marketing", "consent_personalization"]));
  const mailable = header.indexOf("mailable");
  expect(lines.slice(1).every((l) => l.split(",")[mailable] === "yes")).toBe(true);

  await page.context().clearCookies();
  await login("viewer");
  await page.goto(`/segments/${id}`);
  await expect(page.getByTestId("stored-count")).toBeVisible();
  await expect(page.getByRole("link", { name: /Export CSV/ })).toHaveCount(0);
  // Read-only rules: the viewer cannot change a condition (nothing they could save anyway).
  await expect(page.getByTestId("condition").first().getByLabel("Condition type")).toBeDisabled();
});

test("the revenue chart marks the month still under way", async ({ page, login }) => {
  await login("viewer");
  const month = new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date());
  await expect(page.getByTestId("partial-month")).toContainText(`${month} is still under way`);
  await expect(page.getByText(`${month} (so far)`).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("dashboard.png"), fullPage: true });
});

test("typing a closing %} or closing tag in the editor types over the one it inserted, never a second", async ({ page, login }) => {
  const { createTemplate } = await import("../lib/templates/create-template");
  const { id } = await createTemplate({ name: `Closers (e2e ${Date.now()})`, createdById: null });
  await login("marketer");
  await page.goto(`/templates/${id}`);
  const editor = page.getByRole("textbox", { name: "Template body" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.type("<mj-text>{% if customer.first_name %}Hi{% endif %}</mj-text>");
  await expect(editor).toHaveText("<mj-text>{% if customer.first_name %}Hi{% endif %}</mj-text>");
});

test("the main pages have no serious accessibility violations (axe-core), a skip link and a favicon", async ({ page, login }) => {
  test.setTimeout(180_000);
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  await login("admin");
  const pages = [
    "/",
    "/customers",
    "/segments",
    "/segments/new",
    "/segments/rfm",
    "/templates",
    "/clusters",
    "/imports",
    "/imports/new",
    "/privacy",
    "/settings",
    "/users",
    "/audit",
  ];
  const problems: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical"))
      problems.push(
        `${path}: ${v.id} (${v.impact}) — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join("; ")}`,
      );
  }
  expect(problems).toEqual([]);
  // The skip link is the first thing a keyboard reaches, and leads to the content.
  await page.goto("/customers");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await skip.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  expect((await page.request.get("/icon.svg")).status()).toBe(200);
  await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
});

test("the segment builder and the template editor fit a 390 px wide screen, with the count near the top", async ({ page, login }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login("marketer");
  await page.goto("/segments/new");
  const compact = page.getByTestId("segment-count-compact");
  await expect(compact).not.toHaveText("…");
  await expect(compact).toHaveText((await page.getByTestId("segment-count").textContent())!);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(compact).toBeInViewport();
  await page.mouse.wheel(0, 1500);
  await expect(compact).toBeInViewport(); // it stays in view while the rules scroll
  await page.screenshot({ path: test.info().outputPath("segment-builder-390.png"), fullPage: true });
  const { createTemplate } = await import("../lib/templates/create-template");
  const { id } = await createTemplate({ name: `Narrow (e2e ${Date.now()})`, fromGallery: "newsletter", createdById: null });
  await page.goto(`/templates/${id}`);
  await expect(page.getByRole("textbox", { name: "Template body" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath("template-editor-390.png"), fullPage: true });
});
