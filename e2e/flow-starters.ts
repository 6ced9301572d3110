import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Starts a flow from a starter on /flows and switches it on, as a marketer does; returns its id. */
export async function liveStarter(page: Page, name: string): Promise<string> {
  await page.goto("/flows");
  await page.getByRole("button", { name: `Start from “${name}”` }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const flowId = page.url().split("/flows/")[1]!;
  await page.getByRole("button", { name: "Switch on" }).click();
  await page.getByRole("button", { name: "Yes, switch on" }).click();
  await expect(page.getByText("live", { exact: true })).toBeVisible();
  return flowId;
}
