import { db } from "../lib/db";
import { setEnv } from "../lib/env";
import { createUnsubscribeToken } from "../lib/consent/unsubscribe-token";
import { expect, test } from "./fixtures";

// The server under test signs links with its NEXTAUTH_SECRET (playwright.config.ts); sign ours the same way.
setEnv({ NEXTAUTH_SECRET: "e2e-secret-not-for-production-000000", TAILOR_SECRET: undefined });

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
