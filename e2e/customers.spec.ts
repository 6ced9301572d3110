import { db } from "../lib/db";
import { customerDisplayName } from "../lib/customers/display-name";
import { expect, test } from "./fixtures";

test.afterAll(async () => {
  await db.$disconnect();
});

test("finds a customer by email on /customers, opens the profile and sees an order with its lines", async ({ page, login }) => {
  // A customer of the seeded demo shop who has an email and a purchase with lines.
  const customer = await db.customer.findFirstOrThrow({
    where: { email: { not: null }, orders: { some: { kind: "purchase", lines: { some: {} } } } },
    orderBy: { id: "asc" },
    select: { id: true, email: true, firstName: true, lastName: true },
  });
  const email = customer.email ?? "";
  const latestOrder = await db.order.findFirstOrThrow({
    where: { customerId: customer.id },
    orderBy: [{ placedAt: "desc" }, { id: "desc" }],
    select: { orderNumber: true, lines: { orderBy: { position: "asc" }, select: { sku: true } } },
  });

  await login("viewer");
  await page.goto("/customers");
  await page.getByRole("searchbox", { name: "Search customers" }).fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(email).replace(/[.+]/g, "\\$&")}`));

  // Viewers see emails masked (a•••@e•••.com), so the row is found by name.
  const row = page.getByRole("row").filter({ hasText: customerDisplayName(customer) });
  await expect(row).toHaveCount(1);
  await expect(row).not.toContainText(email);
  await expect(row).toContainText(`${email.slice(0, 1)}•••@`);
  await row.getByRole("link", { name: customerDisplayName(customer) }).click();

  await expect(page).toHaveURL(`/customers/${customer.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(customerDisplayName(customer));
  const order = page.getByTestId("order").first();
  await expect(order).toContainText(`Order ${latestOrder.orderNumber}`);
  const lines = order.getByTestId("order-lines");
  await expect(lines).toBeHidden();
  await order.locator("summary").click();
  await expect(lines).toBeVisible();
  await expect(lines.locator("tbody tr")).toHaveCount(latestOrder.lines.length);
  await expect(lines).toContainText(latestOrder.lines[0]?.sku ?? "");
});
