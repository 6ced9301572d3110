import { test as base, expect, type Page } from "@playwright/test";

export type DemoRole = "admin" | "marketer" | "viewer";

/** The demo users the e2e database is seeded with (lib/demo creates them). */
export const demoPassword = "tailor-demo";
export const demoEmail = (role: DemoRole): string => `${role}@tailor.local`;

/** Signs in through the real form, as a person would, and waits for the dashboard. */
export async function login(page: Page, role: DemoRole = "marketer"): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(demoEmail(role));
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
}

/** `test` with a `login(role)` fixture bound to the test's page. */
export const test = base.extend<{ login: (role?: DemoRole) => Promise<void> }>({
  login: async ({ page }, provide) => {
    await provide((role) => login(page, role));
  },
});

export { expect };
