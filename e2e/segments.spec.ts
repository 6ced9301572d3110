import { expect, test } from "./fixtures";

test("a marketer builds a two-group segment, sees the count change, saves it and opens a member's explanation", async ({ page, login }) => {
  await login("marketer");
  await page.goto("/segments/new");
  await expect(page.getByRole("heading", { level: 1, name: "New segment" })).toBeVisible();
  const count = page.getByTestId("segment-count");
  // The default condition: did product_viewed in the last 30 days.
  await expect(count).not.toHaveText("…");
  const first = Number((await count.textContent())!.replaceAll(",", ""));

  // Group 2: country is not empty, and (switched to ALL of) at least 3 orders in the last 90 days.
  await page.getByRole("button", { name: "+ Group" }).first().click();
  const group = page.getByTestId("group").nth(1);
  const cond = group.getByTestId("condition").first();
  await cond.getByLabel("Operator").selectOption("is_not_empty");
  await expect(cond.getByTestId("condition-count")).toContainText("alone");
  await group.getByRole("button", { name: "+ Condition" }).click();
  const second = group.getByTestId("condition").nth(1);
  await second.getByLabel("Condition type").selectOption("order");
  await second.getByLabel("Orders or spend").fill("3");
  await group.getByRole("button", { name: "ALL of" }).click();
  await expect(count).not.toHaveText(String(first.toLocaleString("en-GB")), { timeout: 10_000 });
  const changed = Number((await count.textContent())!.replaceAll(",", ""));
  expect(changed).toBeLessThanOrEqual(first);

  await page.getByLabel("Name").fill("Engaged buyers (e2e)");
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Engaged buyers (e2e)" })).toBeVisible();
  await expect(page.getByTestId("segment-count")).toHaveText(changed.toLocaleString("en-GB"));

  await page.getByTestId("sample").getByRole("button", { name: "Why?" }).first().click();
  const explanation = page.getByTestId("explanation");
  await expect(explanation).toContainText("is in this segment");
  await expect(explanation.getByLabel("met", { exact: true })).toHaveCount(3);
  await expect(explanation.getByLabel("not met", { exact: true })).toHaveCount(0);
  await page.screenshot({ path: "/tmp/shots-issue5/e2e-saved-segment.png", fullPage: true });
});
