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
  await page.screenshot({ path: test.info().outputPath("e2e-saved-segment.png"), fullPage: true });
});

test("a server reads a segment's members with a secret API key; a public key or none is refused", async ({ request }) => {
  const { systemActor } = await import("../lib/audit/write-audit-log");
  const { createApiKey } = await import("../lib/tracking/create-api-key");
  const { saveSegment } = await import("../lib/segments/save-segment");
  const { rebuildSegment } = await import("../lib/segments/rebuild-segment");
  const actor = systemActor("system");
  const { id } = await saveSegment({
    input: {
      name: "Buyers (API e2e)",
      description: "",
      rules: {
        type: "group",
        op: "and",
        not: false,
        children: [{ type: "condition", kind: "feature", feature: "frequency", op: "gte", value: 1 }],
      },
    },
    actor,
  });
  const built = await rebuildSegment({ segmentId: id });
  const secret = await createApiKey({ input: { label: "CRM reader (e2e)", kind: "secret", source: "crm" }, actor });
  const pub = await createApiKey({
    input: { label: "Web (e2e)", kind: "public", source: "web", allowedOrigins: ["https://shop.example"] },
    actor,
  });
  const basic = (token: string) => ({ authorization: `Basic ${Buffer.from(`${token}:`).toString("base64")}` });

  const ok = await request.get(`/api/v1/segments/${id}/members?limit=5`, { headers: basic(secret.token) });
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.segment.memberCount).toBe(built.members);
  expect(body.members).toHaveLength(Math.min(5, built.members));
  // A secret key reads personal data unmasked, like the profile API.
  expect(body.members.some((m: { email: string | null }) => m.email && !m.email.includes("•"))).toBe(true);

  const refused = await request.get(`/api/v1/segments/${id}/members`, { headers: basic(pub.token) });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toMatch(/secret key/);
  expect((await request.get(`/api/v1/segments/${id}/members`, { headers: basic("tk_sec_unknown") })).status()).toBe(401);
  expect((await request.get(`/api/v1/segments/${id}/members`)).status()).toBe(401);
});
