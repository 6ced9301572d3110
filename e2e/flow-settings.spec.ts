import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { db } from "../lib/db";
import { personAt } from "../test/flow-test-kit";
import { liveStarter } from "./flow-starters";
import { expect, test } from "./fixtures";

const shots = path.join("test-results", "flow-settings");
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

test.beforeAll(async () => {
  // Gallery templates the starters create are current (sendable) only with the sender's postal address set.
  await db.setting.update({ where: { id: 1 }, data: { postalAddress: "1 Market Street, Leeds LS1 1AA" } }).catch(() => undefined);
});

test.afterAll(async () => {
  await db.$disconnect();
});

/** Two people inside the live flow, waiting at its first step since a minute ago, as the engine puts them. */
async function twoPeopleInside(flowId: string): Promise<{ redeemed: number; waiting: number }> {
  const [redeemed, waiting] = [await personAt(flowId, "wait-4h"), await personAt(flowId, "wait-4h")];
  // One of them redeemed a coupon since they entered: the exit criterion added below applies to them at once.
  await db.event.create({ data: { customerId: redeemed, type: "Coupon Redeemed", occurredAt: new Date(), properties: {} } });
  return { redeemed, waiting };
}

test("a marketer adapts a live starter's trigger filter, re-entry and exit; the confirmation counts who leaves; the changes hold", async ({
  page,
  login,
}) => {
  test.setTimeout(240_000);
  await login("marketer");
  const flowId = await liveStarter(page, "Abandoned cart");
  const { redeemed, waiting } = await twoPeopleInside(flowId);

  await page.getByRole("button", { name: "Edit name, trigger, entry and exit" }).click();
  const editor = page.getByRole("region", { name: "Flow settings editor" });
  await editor.getByLabel("Name", { exact: true }).fill("Abandoned cart over 50");
  const trigger = editor.getByRole("group", { name: "Trigger" });
  await expect(trigger.getByLabel("Trigger event")).toHaveValue("Added to Cart");
  await trigger.getByRole("button", { name: "+ property filter" }).click();
  await trigger.getByLabel("Property", { exact: true }).fill("total");
  await trigger.getByLabel("Operator").selectOption("gte");
  await trigger.getByLabel("Property value").fill("50");
  await editor.getByLabel("Re-entry rule").selectOption("once_per_days");
  await editor.getByLabel("Re-entry days").fill("3");
  await editor.getByRole("button", { name: "+ Add an exit criterion" }).click();
  await editor.getByLabel("Exit 2 event").fill("Coupon Redeemed");

  // A mistake first: the error names the field.
  await editor.getByLabel("Re-entry days").fill("0");
  await editor.getByRole("button", { name: "Save settings" }).click();
  await expect(editor.getByRole("alert")).toContainText("Re-entry: days — At least 1 day");
  const beside = editor.locator('[data-field-error="reentry.days"]');
  await expect(beside).toHaveText("At least 1 day");
  await editor.getByLabel("Re-entry days").fill("3");
  await expect(beside).toHaveCount(0);
  await expect(editor.getByRole("alert")).toHaveCount(0);
  await shot(page, "1-settings-editor");

  await editor.getByRole("button", { name: "Save settings" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Confirm the edit" });
  await expect(confirm).toContainText("2 people are inside this flow now");
  await expect(confirm).toContainText("1 person did “Coupon Redeemed” since they entered: they leave the flow now");
  await expect(confirm).toContainText("1 person stays at their step");
  await expect(confirm).toContainText("applies to new entries only");
  await shot(page, "2-confirm");
  await confirm.getByRole("button", { name: "Yes, save the settings" }).click();

  const summary = page.getByTestId("flow-settings");
  await expect(summary).toContainText("does “Added to Cart” (where total is at least 50)");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Abandoned cart over 50" })).toBeVisible();
  await expect(summary).toContainText("does “Added to Cart” (where total is at least 50)");
  await expect(summary).toContainText("at most once per 3 days");
  await expect(summary).toContainText("do “Order Completed” or do “Coupon Redeemed”");
  await shot(page, "3-saved");

  const flow = await db.flow.findUniqueOrThrow({
    where: { id: flowId },
    select: { trigger: true, reentry: true, exitOn: true, eventTypes: true },
  });
  expect(flow.trigger).toEqual({ kind: "event", event: "Added to Cart", where: [{ key: "total", op: "gte", value: 50 }] });
  expect(flow.reentry).toEqual({ kind: "once_per_days", days: 3 });
  expect(flow.eventTypes).toContain("Coupon Redeemed");
  const runs = await db.flowRun.findMany({ where: { flowId }, select: { customerId: true, status: true, exitReason: true } });
  expect(runs.find((r) => r.customerId === redeemed)).toMatchObject({ status: "exited", exitReason: "exit:Coupon Redeemed" });
  expect(runs.find((r) => r.customerId === waiting)).toMatchObject({ status: "active" });
  const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: flowId, action: "flow.updated" }, orderBy: { id: "desc" } });
  expect(audit.actorLabel).toBe("marketer@tailor.local");

  // On a phone: the editor stacks its fields.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Edit name, trigger, entry and exit" }).click();
  await shot(page, "4-settings-editor-390");
  await page.getByRole("region", { name: "Flow settings editor" }).getByRole("button", { name: "Cancel" }).click();

  // A viewer reads the settings and cannot edit them.
  await login("viewer");
  await page.goto(`/flows/${flowId}`);
  await expect(page.getByTestId("flow-settings")).toContainText("at most once per 3 days");
  await expect(page.getByRole("button", { name: "Edit name, trigger, entry and exit" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit steps" })).toHaveCount(0);
  await page.goto("/flows");
  await expect(page.getByRole("row", { name: /Abandoned cart over 50/ })).toContainText(
    "When someone does Added to Cart (with property filters)",
  );
});

test("a marketer creates a flow from scratch and gives its branch a predictive-score rule", async ({ page, login }) => {
  test.setTimeout(180_000);
  await login("marketer");
  await page.goto("/flows");
  const form = page.getByRole("form", { name: "New flow" });
  await form.getByRole("button", { name: "Create the flow" }).click();
  await expect(form.getByRole("alert")).toContainText("Name — Name the flow");
  await expect(form.locator('[data-field-error="name"]')).toHaveText("Name the flow");
  await expect(form.locator('[data-field-error="trigger.event"]')).toHaveText("Choose an event");
  await form.getByLabel("Name", { exact: true }).fill("Churn-risk check");
  // Editing the name clears its message only; the event's stays (and the summary names it alone).
  await expect(form.locator('[data-field-error="name"]')).toHaveCount(0);
  await expect(form.getByRole("alert")).not.toContainText("Name — Name the flow");
  await expect(form.getByRole("alert")).toContainText("Trigger: event — Choose an event");
  await form.getByLabel("Trigger event").fill("Signed Up");
  await shot(page, "5-new-flow");
  await form.getByRole("button", { name: "Create the flow" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Churn-risk check" })).toBeVisible();
  await expect(page.getByTestId("flow-settings")).toContainText("does “Signed Up”");

  await page.getByRole("button", { name: "Edit steps" }).click();
  const editor = page.getByRole("region", { name: "Flow editor" });
  await editor.getByLabel("Kind of step to add (end)").selectOption("branch");
  await editor.getByRole("button", { name: "Add a step (end)" }).click();
  await editor.getByLabel("Branch rule (branch-1)").selectOption("score");
  await expect(editor.getByRole("group", { name: "Branch conditions (branch-1)" })).toBeVisible();
  await editor.getByLabel("Kind of step to add (yes path of branch-1)").selectOption("add_tag");
  await editor.getByRole("button", { name: "Add a step (yes path of branch-1)" }).click();
  await shot(page, "6-branch-rule");
  await editor.getByRole("button", { name: "Save steps" }).click();
  await expect(page.locator('[data-step="branch-1"]')).toContainText("Churn probability above 0.7?");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "7-flow-390");
});
