import { describe, expect, it } from "vitest";
import { seedSettings } from "../campaigns/campaign-fixtures";
import { db } from "../db";
import { getSettings } from "../settings/get-settings";
import { actor, createCustomer } from "../../test/flow-test-kit";
import { flowLinkHosts, saveFlowLinkDomains } from "./link-domains";
import { flowLinkDomainsSchema } from "./link-domains-schema";
import { loadFlowEventContexts } from "./load-flow-event-contexts";

describe("domains flow emails may link to (Settings)", () => {
  it("are read one a line, as domains, and refused with the offending entries", () => {
    expect(flowLinkDomainsSchema.parse({ domains: "https://Shop.Example/products\ncdn.shop-images.example, shop.example" })).toEqual({
      domains: ["shop.example", "cdn.shop-images.example"],
    });
    expect(flowLinkDomainsSchema.safeParse({ domains: "shop.example\nnot a domain" }).error?.issues[0]?.message).toMatch(
      /^not, a, domain are not domains: write one domain a line/,
    );
  });

  it("extend the sender's domain and the installation's host: a cart link to the shop's storefront is kept", async () => {
    await seedSettings();
    const before = await flowLinkHosts(await getSettings());
    expect(before).toContain("hearth.test");
    expect(before).not.toContain("shop.example");
    await saveFlowLinkDomains({ domains: ["shop.example"], actor });
    const hosts = await flowLinkHosts(await getSettings());
    expect(hosts).toEqual(expect.arrayContaining(["hearth.test", "shop.example"]));
    expect(await db.auditLog.count({ where: { action: "settings.flow_link_domains" } })).toBe(1);

    const customer = await createCustomer();
    const [event] = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO events (customer_id, type, occurred_at, properties, source)
      VALUES (${customer}, 'Added to Cart', now(), ${JSON.stringify({
        products: [{ name: "Chair", url: "https://www.shop.example/chair", image_url: "https://elsewhere.example/chair.jpg" }],
      })}::jsonb, 'shopify') RETURNING id`;
    const contexts = await loadFlowEventContexts({ eventIds: [BigInt(event!.id)], allowedHosts: hosts, defaultRegion: "GB" });
    expect(contexts.get(BigInt(event!.id))?.properties.products[0]).toMatchObject({
      url: "https://www.shop.example/chair",
      image_url: null,
    });
  });
});
