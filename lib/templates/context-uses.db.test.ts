import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { loadDemoData } from "../demo/load-demo-data";
import { rebuildCustomerFeatures } from "../features/rebuild-customer-features";
import { getSettings } from "../settings/get-settings";
import { compileTemplate } from "./compile-template";
import { contextUses, mergeContextUses } from "./context-uses";
import { gallery, loadGalleryTemplate } from "./gallery";
import { liquidEngine } from "./liquid-engine";
import { loadContexts } from "./load-contexts";
import { renderEmail } from "./render-email";
import { toTemplateSettings } from "./template-settings";

let customerIds: number[];

beforeAll(async () => {
  await loadDemoData({ customers: 80, seed: 7 });
  await rebuildCustomerFeatures({});
  customerIds = (await db.customer.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
}, 120_000);

describe("what a template reads of the personalization context", () => {
  it("names the customer keys a template uses, and everything when it reads the customer as a whole", () => {
    const engine = liquidEngine({ currency: "EUR", timeZone: "UTC" }, "html");
    const uses = (source: string) => contextUses(engine, [engine.parse(source)]);
    const keys = (source: string) => {
      const u = uses(source).customer;
      return u === "all" ? "all" : [...u].sort();
    };
    expect(keys("{{ customer.first_name }} {% for o in customer.orders %}{{ o.total }}{% endfor %}{{ customer.orders.size }}")).toEqual([
      "first_name",
      "orders",
    ]);
    expect(keys("{{ organisation.name }}")).toEqual([]);
    expect(keys("{{ customer | json }}")).toBe("all");
    expect(keys("{% assign c = customer %}{{ c.orders }}")).toBe("all");
    expect(keys("{{ customer[key] }}")).toBe("all");
    expect(keys("{{ customer.first_name }}{% assign customer = 1 %}")).toBe("all");
    expect(uses("{% for p in top_products %}{{ p.name }}{% endfor %}").topProducts).toBe(true);
    expect(uses("{{ customer.first_name }}").topProducts).toBe(false);
    // An experiment's versions: what any of them reads.
    const merged = mergeContextUses(uses("{{ customer.first_name }}"), uses("{{ customer.city }}{{ top_products.size }}"));
    expect(merged.customer === "all" ? "all" : [...merged.customer].sort()).toEqual(["city", "first_name"]);
    expect(merged.topProducts).toBe(true);
    expect(mergeContextUses(uses("{{ customer.city }}"), uses("{{ customer | json }}")).customer).toBe("all");
  });

  it("renders every gallery template exactly as with the whole context, loading only what it uses", async () => {
    const settings = await getSettings();
    for (const entry of gallery) {
      const draft = await loadGalleryTemplate(entry.key);
      const template = await compileTemplate(draft, toTemplateSettings(settings), {
        tracking: { baseUrl: "https://tailor.test", campaignId: "campaign1" },
      });
      expect(template.ok).toBe(true);
      const selective = await loadContexts({ customerIds, settings, uses: template.uses });
      const whole = await loadContexts({ customerIds, settings });
      expect(selective.map((r) => r.customerId)).toEqual(whole.map((r) => r.customerId));
      for (const [i, r] of whole.entries()) {
        expect(selective[i]!.email).toBe(r.email);
        expect(await renderEmail(template, selective[i]!.context)).toEqual(await renderEmail(template, r.context));
      }
    }
    // The newsletter names neither scores, attributes nor recommendations: they are not read.
    const newsletter = await compileTemplate(await loadGalleryTemplate("newsletter"), toTemplateSettings(settings));
    const [first] = await loadContexts({ customerIds: customerIds.slice(0, 1), settings, uses: newsletter.uses });
    expect(Object.keys(first!.context.customer)).not.toContain("recommendations");
    expect(Object.keys(first!.context.customer)).not.toContain("clv");
    expect(Object.keys(first!.context.customer)).toContain("orders");
  }, 120_000);
});
