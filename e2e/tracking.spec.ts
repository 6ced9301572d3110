import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { processTrackingEvents } from "../lib/identity/process-tracking-events";
import { createApiKey } from "../lib/tracking/create-api-key";
import { createGroupCommitter } from "../lib/tracking/create-group-committer";
import { parseTrackingBody, type TrackingEndpoint } from "../lib/tracking/parse-tracking-body";
import { expect, test } from "./fixtures";

test.afterAll(async () => {
  await db.$disconnect();
});

test("an admin creates a public key for the website, sees it once, and revokes it", async ({ page, login }) => {
  await login("admin");
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

  await page.getByLabel("Label").fill("Shop website");
  await page.getByLabel("Allowed origins").fill("https://shop.example.com/");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Copy it now: it is shown only once.")).toBeVisible();
  await expect(page.getByTestId("new-api-key")).toHaveText(/^tk_pub_/);
  const row = page.getByRole("row").filter({ hasText: "Shop website" });
  await expect(row).toContainText("https://shop.example.com");
  await expect(row).toContainText("Public");

  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  expect(await db.apiKey.findFirst({ where: { label: "Shop website" }, select: { revokedAt: true } })).toMatchObject({
    revokedAt: expect.any(Date),
  });
});

test("a bad origin is refused with a message saying how to write it", async ({ page, login }) => {
  await login("admin");
  await page.goto("/api-keys");
  await page.getByLabel("Label").fill("Bad");
  await page.getByLabel("Allowed origins").fill("shop.example.com/path");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Each origin is a scheme and host without a path, e.g. https://shop.example.com")).toBeVisible();
});

test("the profile shows a merge made from tracking calls, and an admin undoes it", async ({ page, login }) => {
  const key = await createApiKey({ input: { label: "E2E", kind: "secret", source: "e2e" }, actor: systemActor("system") });
  const committer = createGroupCommitter();
  const send = async (endpoint: TrackingEndpoint, call: Record<string, unknown>) => {
    const { rows } = parseTrackingBody({ endpoint, body: Buffer.from(JSON.stringify(call)), receivedAt: new Date() });
    await committer.submit(rows.map((r) => ({ ...r, apiKeyId: key.id })));
    await processTrackingEvents();
  };
  const tag = Date.now();
  await send("page", { anonymousId: `e2e-anon-${tag}`, name: "Home" });
  await send("identify", { userId: `e2e-user-${tag}`, traits: { email: `e2e-${tag}@example.com` } });
  await send("identify", { userId: `e2e-user-${tag}`, anonymousId: `e2e-anon-${tag}` });
  await committer.close();
  const merge = await db.customerMerge.findFirstOrThrow({ where: { identifierValue: `e2e-anon-${tag}` } });

  await login("admin");
  // The merged-away profile's old address leads to the survivor, which says so.
  await page.goto(`/customers/${merge.mergedId}`);
  await expect(page).toHaveURL(new RegExp(`/customers/${merge.survivorId}\\?mergedFrom=${merge.mergedId}$`));
  await expect(page.getByTestId("merged-from")).toContainText(`Customer #${merge.mergedId} was merged into this profile`);
  await page.screenshot({ path: test.info().outputPath("merged-profile-redirect.png"), fullPage: true });
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Merges" }) });
  const entry = card.getByTestId("merge-row");
  await expect(entry).toContainText(`Customer #${merge.mergedId} merged into this profile`);
  await expect(entry).toContainText(`e2e-anon-${tag}`);
  await expect(entry).toContainText("by worker");
  page.once("dialog", (d) => void d.accept());
  await entry.getByRole("button", { name: "Undo merge" }).click();
  await expect(entry).toContainText("Undone by admin@tailor.local");
  await entry.getByRole("link", { name: `#${merge.mergedId}` }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${merge.mergedId}$`));
  await expect(page.getByText(`e2e-anon-${tag}`).first()).toBeVisible();
});

test("an admin changes the identity rules: threshold and blocklist", async ({ page, login }) => {
  await login("admin");
  await page.goto("/api-keys");
  await page.getByLabel("Most profiles one identifier may join").fill("1");
  await page.getByRole("button", { name: "Save identity rules" }).click();
  await expect(page.getByText("At least 2: an identifier must be able to join two profiles")).toBeVisible();
  await page.getByLabel("Most profiles one identifier may join").fill("7");
  await page.getByLabel("Blocklist").fill("Info@Shop.example\n0000000000");
  await page.getByRole("button", { name: "Save identity rules" }).click();
  await expect(page.getByText("Identity rules saved")).toBeVisible();
  expect(await db.identitySetting.findUnique({ where: { id: 1 } })).toMatchObject({
    maxProfilesPerIdentifier: 7,
    blocklist: ["info@shop.example", "0000000000"],
  });
});
