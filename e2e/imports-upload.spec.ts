import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { startWorkerProcess, stopWorkerProcess } from "./worker-process";

// The web server under test only queues imports: a worker process runs them, as with `npm start`.
let worker: ChildProcess | undefined;

test.beforeAll(async () => {
  worker = await startWorkerProcess();
});

test.afterAll(() => stopWorkerProcess(worker));

const CSV = [
  "Kundennummer;E-Mail;Vorname;Nachname;Newsletter;Notes",
  "K-1;lena.e2e@example.com;Lena;Schmidt;ja;likes tea",
  "K-2;not-an-email;Jonas;Weber;nein;",
  "K-3;mia.e2e@example.com;Mia;;nein;",
  "",
].join("\r\n");

test("a marketer uploads a CSV, maps its columns, watches both progress bars finish and downloads the rejected rows", async ({
  page,
  login,
}) => {
  test.setTimeout(120_000); // upload, mapping, a worker's import and a download: over a minute on a loaded machine
  await login("marketer");
  await page.goto("/imports");
  await page.getByRole("link", { name: "Import a file" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a file" })).toBeVisible();

  await page.getByLabel("File to import").setInputFiles({ name: "crm-export.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });
  await expect(page.getByRole("progressbar", { name: "Upload progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByText("separated by semicolons")).toBeVisible();

  // Suggested from the header names; one column mapped by hand.
  await expect(page.getByLabel("Kind of file")).toHaveValue("csv");
  await expect(page.getByLabel("Tailor field for column E-Mail")).toHaveValue("email");
  await expect(page.getByLabel("Tailor field for column Kundennummer")).toHaveValue("external_id");
  await expect(page.getByLabel("Tailor field for column Vorname")).toHaveValue("first_name");
  await page.getByLabel("Tailor field for column Notes").selectOption({ label: "Keep as profile attribute" });
  await page.getByLabel("Where the ids come from").fill("crm");
  await expect(page.getByRole("table", { name: "Column mapping" })).toContainText("lena.e2e@example.com");
  // “Newsletter = ja” without a consent date: the step says what it would record, and the marketer chooses.
  const consent = page.getByTestId("consent-without-date");
  await expect(consent).toContainText("No column holds the consent date");
  await expect(consent.getByLabel("Granted now, with this import as proof")).toBeChecked();
  await consent.getByLabel(/No consent date: record as unknown/).check();
  await page.screenshot({ path: test.info().outputPath("e2e-import-consent-choice.png"), fullPage: true });

  await page.getByRole("button", { name: "Start import" }).click();
  const processing = page.getByRole("progressbar", { name: "Processing progress" });
  await expect(processing).toBeVisible();
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 30_000 });
  await expect(processing).toHaveAttribute("aria-valuenow", "100");
  const result = page.getByRole("definition").filter({ hasText: /^\d/ });
  await expect(result.first()).toHaveText("2"); // imported
  await expect(page.getByLabel("Import result")).toContainText("Rejected1");
  const { db } = await import("../lib/db");
  // Lena said "ja" without a date, and the marketer chose "unknown": no consent is recorded for her.
  expect(await db.consentRecord.count({ where: { customer: { email: "lena.e2e@example.com" } } })).toBe(0);

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download rejected rows (CSV)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("crm-export-rejected-rows.csv");
  const text = await readFile((await download.path())!, "utf8");
  expect(text).toContain("row,field,reason,original row");
  expect(text).toContain('2,E-Mail,"not an email address: ""not-an-email""",K-2;not-an-email;Jonas;Weber;nein;');

  await page.getByRole("link", { name: "Details" }).click();
  await expect(page.getByText("by marketer@tailor.local")).toBeVisible();
});

test("consent records come in through the same upload, after a confirmation that says who may be emailed; the suppression list is for admins", async ({
  page,
  login,
}) => {
  test.setTimeout(120_000);
  const { db } = await import("../lib/db");
  const person = await db.customer.findFirstOrThrow({
    where: { email: { not: null }, consents: { none: {} } },
    select: { id: true, email: true },
    orderBy: { id: "desc" },
  });
  const csv = `email,purpose,status,occurred_at,wording\n${person.email},email_marketing,withdrawn,2024-05-01T10:00:00Z,Phone call\nnobody.e2e@example.com,email_marketing,granted,2024-05-01T10:00:00Z,\n`;
  await login("marketer");
  await page.goto("/imports/consent");
  await page.getByRole("link", { name: "Upload a consent file" }).click();
  await page.getByLabel("File to import").setInputFiles({ name: "consent.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.getByLabel("Kind of file")).toHaveValue("consent");
  const start = page.getByRole("button", { name: "Start import" });

  // The suppression list decides who is never emailed: a marketer is told it needs an admin.
  await page.getByLabel("Kind of file").selectOption("suppressions");
  await expect(page.getByText("will never be emailed again")).toBeVisible();
  await expect(start).toBeDisabled();
  await page.getByLabel("I have checked the file and want to apply it.").check();
  await start.click();
  await expect(page.getByText(/needs the Admin role/)).toBeVisible();

  await page.getByLabel("Kind of file").selectOption("consent");
  await expect(page.getByText("This import changes who may be emailed")).toBeVisible();
  await expect(start).toBeDisabled();
  await page.getByLabel("I have checked the file and want to apply it.").check();
  await page.screenshot({ path: test.info().outputPath("e2e-import-consent-confirm.png"), fullPage: true });
  await start.click();
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Import result")).toContainText("Imported1");
  await expect(page.getByLabel("Import result")).toContainText("Rejected1");
  expect(await db.consentRecord.findFirst({ where: { customerId: person.id } })).toMatchObject({
    purpose: "email_marketing",
    status: "withdrawn",
    source: "import",
    proof: expect.objectContaining({ wording: "Phone call", file: "consent.csv" }),
  });
});
