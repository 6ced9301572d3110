import { expect, test } from "./fixtures";

test("app pages may not be framed and carry a Content-Security-Policy; the page still works under it", async ({ page, login }) => {
  const response = await page.request.get("/login");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  const csp = response.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await login("marketer");
  await page.goto("/templates");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});
