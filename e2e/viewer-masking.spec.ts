import { db } from "../lib/db";
import { expect, test } from "./fixtures";

// The role matrix, read as a viewer: every place that once showed a viewer an email or phone in
// free form answers it masked (suggestions, explanations, the merges card, import rejection reasons).

test.afterAll(async () => {
  await db.$disconnect();
});

const fullEmail = /[A-Za-z0-9._%+-]{2,}@[A-Za-z0-9-]{2,}\.[A-Za-z]{2,}/;

test("a viewer reads suggestions, explanations, merges and rejection reasons masked", async ({ page, login }) => {
  const customer = await db.customer.findFirstOrThrow({ where: { email: { not: null } }, orderBy: { id: "asc" } });
  const email = customer.email!;
  await db.identityFlag.upsert({
    where: { kind_type_source_value: { kind: "conflict", type: "email", source: "", value: email } },
    create: { kind: "conflict", type: "email", value: email, customerIds: [customer.id], detail: `Both profiles use email ${email}.` },
    update: {},
  });
  const job = await db.importJob.create({
    data: { kind: "customers-csv", fileName: "viewer-masking.csv", status: "succeeded", rejected: 1 },
  });
  await db.importRejection.create({
    data: {
      importJobId: job.id,
      rowNumber: 2,
      field: "email",
      reason: `duplicate of ${email} (phone +44 7700 900123)`,
      raw: `${email},Ann`,
    },
  });

  await login("viewer");
  const suggestions = await page.request.get("/api/v1/segments/suggestions?kind=attribute-value&key=email");
  expect(suggestions.status()).toBe(200);
  const values = (await suggestions.json()) as { value: string }[];
  expect(values.length).toBeGreaterThan(0);
  expect(values.every((v) => v.value.includes("•") && !fullEmail.test(v.value))).toBe(true);

  const explain = await page.request.post("/api/v1/segments/explain", {
    data: {
      customer: customer.id,
      rules: {
        type: "group",
        op: "and",
        children: [{ type: "condition", kind: "attribute", field: "email", valueType: "text", op: "contains", value: "@" }],
      },
    },
  });
  expect(explain.status()).toBe(200);
  const explained = JSON.stringify(await explain.json());
  expect(explained).not.toContain(email);
  expect(explained).toContain("•••@");

  const rejections = await page.request.get(`/api/v1/imports/${job.id}/rejections`);
  expect(rejections.status()).toBe(200);
  const rejected = JSON.stringify(await rejections.json());
  expect(rejected).not.toContain(email);
  expect(rejected).not.toContain("900123 ");
  expect(rejected).toContain("duplicate of ");

  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByText(/Both profiles use email/)).toBeVisible();
  expect(await page.locator("main").innerText()).not.toContain(email);
});
