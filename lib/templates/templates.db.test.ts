import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { forgetTopProducts } from "./load-top-products";
import { compareTemplateVersions } from "./compare-template-versions";
import { createTemplate } from "./create-template";
import { getTemplate, getTemplateVersion, listTemplateVersions } from "./get-template";
import { gallery, listGallery, loadGalleryTemplate } from "./gallery";
import { listSegmentSample } from "./list-segment-sample";
import { listTemplates } from "./list-templates";
import { previewTemplate } from "./preview-template";
import { restoreTemplateVersion } from "./restore-template-version";
import { saveTemplateVersion } from "./save-template-version";
import { validateTemplate } from "./validate-template";
import { loadContexts } from "./load-contexts";
import { compileTemplate } from "./compile-template";
import { renderCompiledEmail, renderPerRecipient } from "./render-email";
import { toTemplateSettings } from "./template-settings";
import { getSettings } from "../settings/get-settings";

let userId: string;

beforeEach(async () => {
  await db.$executeRawUnsafe(
    "TRUNCATE customers, products, segments, email_templates, audit_log, users, settings RESTART IDENTITY CASCADE",
  );
  forgetTopProducts();
  userId = (await db.user.create({ data: { email: "mara@shop.test", passwordHash: "x", role: "marketer" } })).id;
  await db.setting.create({
    data: { id: 1, organisationName: "Hearth & Home", postalAddress: "1 Market Street, Leeds", currency: "EUR", timeZone: "Europe/Paris" },
  });
});

/** Two customers with orders, features and segments; one without anything. */
async function seedCustomers() {
  const [mug, pot, rake] = await Promise.all([
    db.product.create({ data: { sku: "MUG", name: "enamel mug", category: "kitchen", price: 12 } }),
    db.product.create({ data: { sku: "POT", name: "tea pot", category: "kitchen", price: 35 } }),
    db.product.create({ data: { sku: "RAKE", name: "garden rake", category: "garden", price: 20 } }),
  ]);
  const jane = await db.customer.create({
    data: { email: "jane@x.test", firstName: "Jane", lastName: "Doe", city: "Lyon", country: "FR", attributes: { shoe_size: 38 } },
  });
  const omar = await db.customer.create({ data: { email: "omar@x.test", firstName: "Omar", lastName: "Haddad" } });
  const nobody = await db.customer.create({ data: { email: "anon@x.test" } });
  const order = (customerId: number, number: string, placedAt: string, lines: { product: typeof mug; quantity: number }[]) =>
    db.order.create({
      data: {
        source: "test",
        orderNumber: number,
        customerId,
        kind: "purchase",
        placedAt: new Date(placedAt),
        currency: "EUR",
        total: lines.reduce((s, l) => s + Number(l.product.price) * l.quantity, 0),
        lines: {
          create: lines.map((l, i) => ({
            position: i + 1,
            productId: l.product.id,
            sku: l.product.sku,
            description: l.product.name.toUpperCase(),
            quantity: l.quantity,
            unitPrice: l.product.price!,
            lineTotal: Number(l.product.price) * l.quantity,
            placedAt: new Date(placedAt),
          })),
        },
      },
    });
  await order(jane.id, "A1", "2026-01-10T10:00:00Z", [
    { product: mug, quantity: 3 },
    { product: pot, quantity: 1 },
  ]);
  await order(jane.id, "A2", "2026-02-27T23:30:00Z", [{ product: mug, quantity: 2 }]);
  await order(omar.id, "B1", "2025-06-01T10:00:00Z", [{ product: rake, quantity: 5 }]);
  await db.customerFeature.createMany({
    data: [
      {
        customerId: jane.id,
        asOf: new Date(),
        frequency: 2,
        monetary: 95,
        rfmSegment: "Champions",
        rScore: 5,
        fScore: 5,
        mScore: 5,
        rfmCode: "555",
        recencyDays: 3,
        lastPurchaseAt: new Date("2026-02-27T23:30:00Z"),
      },
      {
        customerId: omar.id,
        asOf: new Date(),
        frequency: 1,
        monetary: 100,
        rfmSegment: "At Risk",
        rScore: 1,
        fScore: 2,
        mScore: 4,
        rfmCode: "124",
        recencyDays: 270,
      },
    ],
  });
  const vip = await db.segment.create({ data: { name: "VIP", rules: {} } });
  const news = await db.segment.create({ data: { name: "Newsletter", rules: {} } });
  await db.segmentMember.createMany({
    data: [
      { segmentId: vip.id, customerId: jane.id },
      { segmentId: news.id, customerId: jane.id },
      { segmentId: news.id, customerId: omar.id },
      { segmentId: news.id, customerId: nobody.id },
    ],
  });
  return { jane, omar, nobody, vip, news };
}

describe("personalization contexts", () => {
  it("loads a batch: profile, features, segment names, recent orders with lines, favourite category and its best sellers", async () => {
    const { jane, omar, nobody } = await seedCustomers();
    const recipients = await loadContexts({ customerIds: [nobody.id, jane.id, 999, omar.id], baseUrl: "https://tailor.test" });
    expect(recipients.map((r) => r.customerId)).toEqual([nobody.id, jane.id, omar.id]);
    const janeCtx = recipients[1]!.context;
    expect(janeCtx.customer).toMatchObject({
      first_name: "Jane",
      full_name: "Jane Doe",
      city: "Lyon",
      // Stored as a code: the name for templates, and the code beside it.
      country: "France",
      country_code: "FR",
      attributes: { shoe_size: 38 },
      rfm_segment: "Champions",
      frequency: 2,
      monetary: 95,
      segments: ["Newsletter", "VIP"],
      favourite_category: "kitchen",
    });
    expect(janeCtx.customer.orders.map((o) => [o.number, o.total, o.item_count, o.placed_at])).toEqual([
      ["A2", 24, 2, "2026-02-27T23:30:00.000Z"],
      ["A1", 71, 4, "2026-01-10T10:00:00.000Z"],
    ]);
    expect(janeCtx.customer.last_purchase_at).toBe("2026-02-27T23:30:00.000Z");
    expect(janeCtx.customer.orders[1]!.lines.map((l) => [l.sku, l.quantity, l.line_total])).toEqual([
      ["MUG", 3, 36],
      ["POT", 1, 35],
    ]);
    expect(janeCtx.top_products.map((p) => p.sku)).toEqual(["MUG", "POT"]);
    expect(recipients[2]!.context.top_products.map((p) => p.sku)).toEqual(["RAKE"]);
    expect(recipients[0]!.context.customer).toMatchObject({
      first_name: null,
      country: null,
      country_code: null,
      segments: ["Newsletter"],
      orders: [],
      favourite_category: null,
      rfm_segment: null,
      frequency: 0,
    });
    // Without a favourite category: the overall best sellers.
    expect(recipients[0]!.context.top_products.map((p) => p.sku)).toEqual(["MUG", "RAKE", "POT"]);
    expect(janeCtx.organisation).toEqual({ name: "Hearth & Home", postal_address: "1 Market Street, Leeds" });
    expect(janeCtx.unsubscribe_url).toMatch(/^https:\/\/tailor\.test\/preferences\/v1\.\d+\./);
    expect(recipients[1]!.unsubscribe.headers["List-Unsubscribe"]).toMatch(/^<https:\/\/tailor\.test\/api\/unsubscribe\//);
  });

  it("renders the gallery the same both ways for the customers in the database", async () => {
    const { jane, omar, nobody } = await seedCustomers();
    const recipients = await loadContexts({ customerIds: [jane.id, omar.id, nobody.id] });
    const settings = toTemplateSettings(await getSettings());
    const normalize = (s: string) =>
      s
        .replace(/\s+/g, " ")
        .replace(/\s*(<|>)\s*/g, "$1")
        .trim();
    for (const entry of gallery) {
      const compiled = await compileTemplate(await loadGalleryTemplate(entry.key), settings);
      expect(compiled.mode).toBe("compile-once");
      for (const r of recipients) {
        expect(normalize(renderCompiledEmail(compiled, r.context).html), `${entry.key} / ${r.customerId}`).toBe(
          normalize((await renderPerRecipient(compiled, r.context)).html),
        );
      }
    }
  });
});

describe("preview", () => {
  it("previews as two customers: different names, branches, variables; by id or email", async () => {
    const { jane } = await seedCustomers();
    const draft = await loadGalleryTemplate("newsletter");
    const forJane = await previewTemplate(draft, String(jane.id));
    const forOmar = await previewTemplate(draft, "OMAR@x.test");
    expect(forJane.subject).toBe("Jane, this month at Hearth & Home");
    expect(forOmar.subject).toBe("Omar, this month at Hearth & Home");
    expect(forJane.html).toContain("VIP EARLY ACCESS");
    expect(forOmar.html).not.toContain("VIP EARLY ACCESS");
    expect(forOmar.text).toContain("COMEBACK15");
    expect(forJane.html).toContain("€95.00");
    expect(forJane.compileMode).toBe("compile-once");
    const vipBranch = (p: typeof forJane) => p.branches.find((b) => b.condition.includes('contains "VIP"'))!;
    expect(vipBranch(forJane)).toMatchObject({ field: "body", taken: true });
    expect(vipBranch(forOmar).taken).toBe(false);
    expect(forJane.variables).toContainEqual({ path: "customer.first_name", type: "string | null", value: "Jane" });
    expect(forJane.variables).toContainEqual({ path: "customer.orders[0].number", type: "string", value: "A2" });
    expect(forJane.variables).toContainEqual({ path: "customer.attributes.shoe_size", type: "number", value: 38 });
    await expect(previewTemplate(draft, "nobody@nowhere.test")).rejects.toThrow(/No customer has the email/);
  });

  it("returns the errors instead of HTML for a broken draft; validate needs no customer", async () => {
    const { jane } = await seedCustomers();
    const broken = { subject: "Hi {{ customer.first_name", preheader: "", mjml: "<mjml><mj-body></mj-body></mjml>" };
    const preview = await previewTemplate(broken, jane.id);
    expect(preview.html).toBe("");
    expect(preview.diagnostics[0]).toMatchObject({ severity: "error", source: "liquid", field: "subject", line: 1 });
    const { diagnostics } = await validateTemplate(broken);
    expect(diagnostics.map((d) => d.source)).toEqual(["liquid", "footer", "footer"]);
  });

  it("pages through a segment's sample and wraps around", async () => {
    const { news, jane, omar, nobody } = await seedCustomers();
    const first = await listSegmentSample(news.id, { limit: 2 });
    expect(first.segment.name).toBe("Newsletter");
    expect(first.customers.map((c) => c.id)).toEqual([jane.id, omar.id]);
    expect((await listSegmentSample(news.id, { after: omar.id, limit: 2 })).customers.map((c) => c.id)).toEqual([nobody.id]);
    expect((await listSegmentSample(news.id, { after: nobody.id, limit: 1 })).customers.map((c) => c.id)).toEqual([jane.id]);
  });
});

describe("templates and versions", () => {
  it("creates from the gallery, saves versions, compares and restores them, with an audit trail", async () => {
    expect(listGallery().map((g) => g.key)).toEqual(["welcome", "newsletter", "abandoned-cart", "win-back", "vip-offer"]);
    const { id, versionId } = await createTemplate({ name: "Spring news", fromGallery: "newsletter", createdById: userId });
    const first = await getTemplate(id);
    expect(first).toMatchObject({
      name: "Spring news",
      fromGallery: "newsletter",
      latest: { id: versionId, number: 1, compileMode: "compile-once" },
    });

    const changed = first.latest.mjml.replace("Made to last: our spring collection", "Made to last: our summer collection");
    const v2 = await saveTemplateVersion({
      templateId: id,
      subject: "New subject",
      preheader: first.latest.preheader,
      mjml: changed,
      createdById: userId,
    });
    expect(v2).toMatchObject({ number: 2, compileMode: "compile-once", diagnostics: [] });

    const diff = await compareTemplateVersions(versionId, v2.id);
    expect(diff.subject).toMatchObject({ changed: true, b: "New subject" });
    expect(diff.added).toBe(1);
    expect(diff.removed).toBe(1);
    const removed = diff.lines.find((l) => l.kind === "removed")!;
    expect(removed.text).toContain("spring collection");
    expect(first.latest.mjml.split("\n")[removed.aLine! - 1]).toBe(removed.text);

    const v3 = await restoreTemplateVersion({ versionId, createdById: userId });
    expect(v3.number).toBe(3);
    const restored = await getTemplateVersion(v3.id);
    expect(restored).toMatchObject({ subject: first.latest.subject, mjml: first.latest.mjml, restoredFromId: versionId });
    expect((await listTemplateVersions(id)).map((v) => v.number)).toEqual([3, 2, 1]);
    expect((await listTemplates()).map((t) => [t.name, t.versions, t.latest?.number])).toEqual([["Spring news", 3, 3]]);

    const audit = await db.auditLog.findMany({
      where: { targetId: id },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(audit).toEqual([
      { action: "template.saved", actorLabel: "mara@shop.test" },
      { action: "template.saved", actorLabel: "mara@shop.test" },
      { action: "template.restored", actorLabel: "mara@shop.test" },
    ]);
  });

  it("saves drafts with errors as versions and numbers concurrent saves without gaps", async () => {
    const { id } = await createTemplate({ name: "Blank", createdById: null });
    const broken = await saveTemplateVersion({
      templateId: id,
      subject: "x",
      preheader: "",
      mjml: "<mjml><mj-body><mj-section></mj-body></mjml>",
      createdById: null,
    });
    expect(broken.diagnostics.some((d) => d.severity === "error" && d.source === "mjml")).toBe(true);
    const saves = await Promise.all(
      [1, 2, 3].map((n) =>
        saveTemplateVersion({
          templateId: id,
          subject: `s${n}`,
          preheader: "",
          mjml: "<mjml><mj-body></mj-body></mjml>",
          createdById: null,
        }),
      ),
    );
    expect(saves.map((s) => s.number).sort()).toEqual([3, 4, 5]);
    await expect(createTemplate({ name: "x", fromGallery: "nope", createdById: null })).rejects.toThrow();
    await expect(saveTemplateVersion({ templateId: "missing", subject: "s", preheader: "", mjml: "", createdById: null })).rejects.toThrow(
      /no longer exists/,
    );
  });
});
