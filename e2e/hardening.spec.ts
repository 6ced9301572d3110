import { expect, test } from "./fixtures";

test("input over the server actions' 1 MB limit: the page says it is too large and how to fix it", async ({ page, login }) => {
  // Rendering a 1.5 MB textarea takes long on a loaded machine.
  test.setTimeout(180_000);
  await login("admin");
  await page.goto("/settings");
  const tracking = page.locator("form").filter({ hasText: "Campaign tracking" });
  // About 1.5 MB of addresses, as when a whole provider's range list is pasted.
  const list = Array.from({ length: 120_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).join("\n");
  // Pasted at once (typing 1.3 MB through fill() takes minutes): the value set as a paste sets it, then React's input event.
  await tracking.locator("#machineIpList").evaluate((el, value) => {
    const textarea = el as HTMLTextAreaElement;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(textarea, value);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }, list);
  await tracking.getByRole("button", { name: "Save tracking settings" }).click();
  await expect(tracking.getByText(/The input is too large: 1\.\d MB, and Tailor accepts at most 1 MB in one save/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("e2e-too-large.png") });
});

test("an admin allows test email addresses in Settings; a bad entry is named", async ({ page, login }) => {
  await login("admin");
  await page.goto("/settings");
  const form = page.locator("form").filter({ hasText: "Test emails" });
  await form.getByLabel("Other allowed addresses").fill("qa@agency.example\nnot an address");
  await form.getByRole("button", { name: "Save test addresses" }).click();
  await expect(form.getByText(/not, an, address are not addresses/)).toBeVisible();
  await form.getByLabel("Other allowed addresses").fill("qa@agency.example\n@shop.example");
  await form.getByRole("button", { name: "Save test addresses" }).click();
  await expect(form.getByText("Saved: test emails may go to Tailor's users and the addresses listed.")).toBeVisible();
  await page.reload();
  await expect(page.locator("form").filter({ hasText: "Test emails" }).getByLabel("Other allowed addresses")).toHaveValue(
    "qa@agency.example\n@shop.example",
  );
  await page.screenshot({ path: test.info().outputPath("e2e-test-addresses.png"), fullPage: true });
});
