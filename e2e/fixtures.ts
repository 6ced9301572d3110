import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";

export type DemoRole = "admin" | "marketer" | "viewer";
export const demoRoles: DemoRole[] = ["admin", "marketer", "viewer"];

/** The demo users the e2e database is seeded with (lib/demo creates them). */
export const demoPassword = "tailor-demo";
export const demoEmail = (role: DemoRole): string => `${role}@tailor.local`;

/** Where e2e/sign-in.setup.ts saves each role's signed-in session (cookies) for this run. */
export const sessionFile = (role: DemoRole): string => path.resolve(import.meta.dirname, "..", ".tailor", "e2e-sessions", `${role}.json`);

/** Signs in through the real form, as a person would, and waits for the dashboard. */
export async function signInThroughForm(page: Page, role: DemoRole = "marketer"): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(demoEmail(role));
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
}

/**
 * Signs the page in as `role` with the session saved once per run by the setup project (no form to
 * fill in every test), and opens the dashboard.
 */
export async function login(page: Page, role: DemoRole = "marketer"): Promise<void> {
  const file = sessionFile(role);
  if (!fs.existsSync(file))
    throw new Error(`No saved ${role} session at ${file}: run the suite through playwright.config.ts (its setup project signs in).`);
  const { cookies } = JSON.parse(fs.readFileSync(file, "utf8")) as { cookies: Parameters<ReturnType<Page["context"]>["addCookies"]>[0] };
  await page.context().clearCookies();
  await page.context().addCookies(cookies);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
}

/** `test` with a `login(role)` fixture bound to the test's page. */
export const test = base.extend<{ login: (role?: DemoRole) => Promise<void> }>({
  login: async ({ page }, provide) => {
    await provide((role) => login(page, role));
  },
});

export { expect };
