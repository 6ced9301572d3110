import { db } from "../lib/db";
import { resetEnv } from "../lib/env";
import { createUnsubscribeToken } from "../lib/consent/unsubscribe-token";
import { expect, test } from "./fixtures";

// The server under test signs links with its NEXTAUTH_SECRET (playwright.config.ts); sign ours the same way.
process.env.NEXTAUTH_SECRET = "e2e-secret-not-for-production-000000";
delete process.env.TAILOR_SECRET;
resetEnv();

test.afterAll(async () => {
  await db.$disconnect();
});

test("an admin withdraws a customer's email consent with a reason and sees it in the timeline and the audit log", async ({
  page,
  login,
}) => {
  const customer = await db.customer.findFirstOrThrow({
    where: { email: { not: null } },
    orderBy: { id: "desc" },
    select: { id: true, email: true },
  });
  const reason = `Asked by phone to stop newsletters (e2e ${Date.now()})`;

  await login("admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Privacy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Privacy" })).toBeVisible();
  await page.getByRole("textbox", { name: "Name, email or customer number" }).fill(customer.email!);
  await page.getByRole("button", { name: "Find" }).click();
  await page.getByRole("link", { name: new RegExp(`#${customer.id}$`) }).click();
  await expect(page).toHaveURL(`/privacy/customers/${customer.id}`);

  await page.getByLabel("Purpose").selectOption("email_marketing");
  await page.getByLabel("Status").selectOption("withdrawn");
  await page.getByRole("button", { name: "Record change" }).click();
  await expect(page.getByText(/Say why you record this change/)).toBeVisible(); // the reason is mandatory
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Record change" }).click();
  await expect(page.getByText("Recorded. It is at the top of the timeline.")).toBeVisible();

  const latest = page.getByRole("list", { name: "Consent timeline" }).getByRole("listitem").first();
  await expect(latest).toContainText("withdrawn");
  await expect(latest).toContainText("Email marketing");
  await expect(latest).toContainText("by admin@tailor.local");
  await expect(latest).toContainText(reason);

  await page.goto(`/audit?action=consent.record&targetType=customer&targetId=${customer.id}`);
  const entry = page.getByRole("row").filter({ hasText: reason });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("admin@tailor.local");
});

test("the customer's unsubscribe link opens the preference centre without a login, and a change there is recorded", async ({
  page,
  browser,
  login,
}) => {
  const customer = await db.customer.findFirstOrThrow({
    where: { email: { not: null } },
    orderBy: { id: "asc" },
    select: { id: true, email: true },
  });
  const token = createUnsubscribeToken({ customerId: customer.id });

  // As the customer: a fresh browser context, no session.
  const customerContext = await browser.newContext();
  const inbox = await customerContext.newPage();
  await inbox.goto(`/api/unsubscribe/${token}`); // the List-Unsubscribe URL opened in a browser
  await expect(inbox).toHaveURL(`/preferences/${token}`);
  await expect(inbox.getByRole("heading", { level: 1, name: "Your email preferences" })).toBeVisible();
  await expect(inbox.getByText(`${customer.email!.slice(0, 1)}•••@`)).toBeVisible();
  const personalization = inbox.getByRole("checkbox", { name: /Personalization and profiling/ });
  await expect(personalization).toBeChecked(); // allowed by default
  // Written for the person, not for the admins: no admin vocabulary on the public page.
  await expect(inbox.getByRole("main")).not.toContainText(/admin|opt-in|opt-out|unless the person/i);
  await expect(inbox.getByText("Our newsletters, offers and news by email.")).toBeVisible();
  await personalization.uncheck();
  await inbox.getByRole("button", { name: "Save my choices" }).click();
  await expect(inbox.getByText(/Saved\. Thank you/)).toBeVisible();

  // A tampered link gets a clear page, not an error dump.
  await inbox.goto(`/preferences/${token.slice(0, -3)}abc`);
  await expect(inbox.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();
  await customerContext.close();

  const record = await db.consentRecord.findFirstOrThrow({
    where: { customerId: customer.id, purpose: "personalization" },
    orderBy: { id: "desc" },
  });
  expect(record).toMatchObject({ status: "withdrawn", source: "preference_centre" });

  await login("admin");
  await page.goto(`/privacy/customers/${customer.id}`);
  const latest = page
    .getByRole("list", { name: "Consent timeline" })
    .getByRole("listitem")
    .filter({ hasText: "Preference centre" })
    .first();
  await expect(latest).toContainText("withdrawn");
  await expect(latest).toContainText("Personalization and profiling");
});

test("an erased person shows as erased everywhere, with nothing left to act on", async ({ page, browser, login }) => {
  // A customer with a grant for email marketing, so that "Allowed" would show if the erasure were ignored.
  const customer = await db.customer.findFirstOrThrow({
    where: { email: { not: null }, erasedAt: null, consents: { some: { purpose: "email_marketing", status: "granted" } } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  const token = createUnsubscribeToken({ customerId: customer.id });
  await login("admin");
  await page.goto(`/privacy/customers/${customer.id}`);
  await page.getByLabel("Type ERASE to confirm").fill("ERASE");
  await page.getByRole("button", { name: "Erase permanently" }).click();

  await expect(page.getByTestId("erased-notice")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Consent: Erased customer #${customer.id}`);
  await expect(page.getByText("Allowed", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Eras(e permanently|ing…)/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Download everything/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Record change" })).toHaveCount(0);
  await expect(page.getByText(/did not answer|went wrong/)).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("erased-privacy-page.png"), fullPage: true });

  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByTestId("erased-notice")).toContainText("Erased on");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Erased customer #${customer.id}`);
  await expect(page.getByText("Allowed", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Consent and privacy →" })).toHaveCount(0);
  await expect(page.getByText("granted", { exact: true })).toHaveCount(0);

  const inbox = await (await browser.newContext()).newPage();
  await inbox.goto(`/preferences/${token}`);
  await expect(inbox.getByRole("heading", { level: 1, name: "We hold no data about you any more" })).toBeVisible();
  await inbox.context().close();
});

test("changing a purpose's default takes an explicit save, a confirmation stating the effect in numbers, and a reason", async ({
  page,
  login,
}) => {
  const withoutRecord = async () =>
    (
      await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM customers c WHERE c.email IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM consent_records r WHERE r.purpose = 'email_marketing' AND r.customer_id = c.id)`
    )[0].n;
  const defaultRule = async () =>
    (await db.consentPurpose.findUnique({ where: { key: "email_marketing" }, select: { defaultRule: true } }))?.defaultRule ?? "opt_in";
  const audits = () => db.auditLog.count({ where: { action: "consent_purpose.set_default", targetId: "email_marketing" } });
  const before = await audits();
  await login("admin");
  await page.goto("/privacy");
  const select = page.getByLabel("Default for Email marketing");
  // One keystroke in the select changes nothing by itself.
  await select.focus();
  await page.keyboard.press("ArrowDown");
  await expect(select).toHaveValue("opt_out");
  await page.waitForTimeout(1_000);
  expect(await defaultRule()).toBe("opt_in");
  expect(await audits()).toBe(before);

  await page.getByRole("button", { name: "Review change" }).click();
  const n = await withoutRecord();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("change-effect")).toHaveText(`${n.toLocaleString("en")} people without a record will become mailable.`);
  await dialog.getByRole("button", { name: "Change the default" }).click();
  await expect(dialog).toContainText("Say why you make this change");
  expect(await defaultRule()).toBe("opt_in");
  await page.screenshot({ path: test.info().outputPath("purpose-default-confirmation.png"), fullPage: true });
  await dialog.getByLabel("Reason (kept in the audit log)").fill("Legal approved opt-out for existing customers");
  await dialog.getByRole("button", { name: "Change the default" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect.poll(defaultRule).toBe("opt_out");
  const entry = await db.auditLog.findFirstOrThrow({
    where: { action: "consent_purpose.set_default", targetId: "email_marketing" },
    orderBy: { id: "desc" },
  });
  expect(entry.after).toMatchObject({ defaultRule: "opt_out", reason: "Legal approved opt-out for existing customers", withoutRecord: n });

  // Back to opt-in, the same way (the other tests expect the default).
  await select.selectOption("opt_in");
  await page.getByRole("button", { name: "Review change" }).click();
  await expect(page.getByTestId("change-effect")).toHaveText(
    `${n.toLocaleString("en")} people without a record will no longer be mailable.`,
  );
  await page.getByLabel("Reason (kept in the audit log)").fill("Back to opt-in after the test");
  await page.getByRole("button", { name: "Change the default" }).click();
  await expect.poll(defaultRule).toBe("opt_in");
});
