import { expect, test } from "./fixtures";

test("a marketer builds a two-group segment, sees the count change, saves it and opens a member's explanation", async ({ page, login }) => {
  await login("marketer");
  await page.goto("/segments/new");
  await expect(page.getByRole("heading", { level: 1, name: "New segment" })).toBeVisible();
  const count = page.getByTestId("segment-count");
  // The default condition: did product_viewed in the last 30 days.
  await expect(count).not.toHaveText("…");
  const first = Number((await count.textContent())!.replaceAll(",", ""));

  // A new group is empty, and ignored until it has a condition: the count does not change.
  const recounted = page.waitForResponse((r) => r.url().includes("/api/v1/segments/preview"));
  await page.getByRole("button", { name: "+ Group" }).first().click();
  const group = page.getByTestId("group").nth(1);
  await expect(group.getByTestId("empty-group")).toContainText("ignored");
  await recounted;
  await expect(count).toHaveText(first.toLocaleString("en-GB"));

  // Group 2: country is not empty, and (switched to ALL of) at least 3 orders in the last 90 days.
  await group.getByRole("button", { name: "+ Condition" }).click();
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

test("“Another segment” is picked by name (searched), stored by id and shown by name; a second segment of the same name is refused", async ({
  page,
  login,
}) => {
  const { systemActor } = await import("../lib/audit/write-audit-log");
  const { saveSegment } = await import("../lib/segments/save-segment");
  const { rebuildSegment } = await import("../lib/segments/rebuild-segment");
  const name = `Repeat buyers ${Date.now()} (e2e)`;
  const { id } = await saveSegment({
    input: {
      name,
      description: "",
      rules: { type: "group", op: "and", children: [{ type: "condition", kind: "feature", feature: "frequency", op: "gte", value: 2 }] },
    },
    actor: systemActor("system"),
  });
  const built = await rebuildSegment({ segmentId: id });

  await login("marketer");
  await page.goto("/segments/new");
  const cond = page.getByTestId("condition").first();
  await cond.getByLabel("Condition type").selectOption("segment");
  const picker = cond.getByLabel("Segment");
  await picker.fill("repeat buyers"); // part of the name, any case: a search
  await expect(cond.getByRole("status")).toContainText("No segment is named");
  await picker.fill(name);
  await expect(page.getByTestId("segment-count")).toHaveText(built.members.toLocaleString("en-GB"));
  await page.getByLabel("Name").fill(`Uses ${name}`);
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Uses ${name}` })).toBeVisible();
  const saved = await (await import("../lib/db")).db.segment.findFirstOrThrow({ where: { name: `Uses ${name}` }, select: { rules: true } });
  expect(JSON.stringify(saved.rules)).toContain(`"segmentId":"${id}"`);
  // The saved segment shows the name, not the id, in the picker and in the explanation.
  await expect(page.getByTestId("condition").first().getByLabel("Segment")).toHaveValue(name);
  await page.getByTestId("sample").getByRole("button", { name: "Why?" }).first().click();
  await expect(page.getByTestId("explanation")).toContainText(`Is in segment “${name}”`);

  // The same name (in another case) again is refused with a message that says what to do.
  await page.goto("/segments/new");
  await page.getByLabel("Name").fill(name.toUpperCase());
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page.getByText(/Not saved: A segment named .* exists already: choose another name/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("e2e-segment-picker.png"), fullPage: true });
});

test("field and event names read as words, with the key in a tooltip", async ({ page, login }) => {
  await login("marketer");
  await page.goto("/segments/new");
  const cond = page.getByTestId("condition").first();
  const event = cond.getByLabel("Event");
  await expect(event).toHaveValue("Product viewed");
  await expect(event).toHaveAttribute("title", "Key: product_viewed");
  // A name typed as words stores the key: the count is that of the key.
  const count = page.getByTestId("segment-count");
  await expect(count).not.toHaveText("…");
  const before = await count.textContent();
  await event.fill("product viewed");
  await event.blur();
  await expect(event).toHaveValue("Product viewed");
  await expect(count).toHaveText(before!);

  await cond.getByLabel("Condition type").selectOption("attribute");
  const attribute = cond.getByLabel("Attribute", { exact: true });
  await attribute.selectOption("firstName");
  await expect(attribute.locator("option:checked")).toHaveText("First name");
  await expect(attribute).toHaveAttribute("title", "Key: firstName");
});
