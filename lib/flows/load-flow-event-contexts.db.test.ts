import { describe, expect, it } from "vitest";
import { db } from "../db";
import { identityHash } from "../identity/verify-identity";
import { createApiKey } from "../tracking/create-api-key";
import { actor, createCustomer } from "../../test/flow-test-kit";
import { loadFlowEventContexts } from "./load-flow-event-contexts";

const cart = {
  products: [
    { sku: "OAK-1", name: "Oak table", price: 120, url: "https://evil.test/oak", image_url: "https://evil.test/oak.jpg" },
    { sku: "LAMP", name: "Lamp <b>", price: 30, url: "https://hearth.test/lamp", image_url: "javascript:alert(1)" },
  ],
};

let n = 0;
/** A tracked call and the event the pipeline folded it into, with the key it came with. */
async function tracked(opts: { customerId: number; keyId: string; userId: string; context?: object }): Promise<bigint> {
  const messageId = `m-${++n}`;
  await db.$executeRaw`
    INSERT INTO tracking_events (message_id, api_key_id, type, user_id, payload, occurred_at, processed_at)
    VALUES (${messageId}, ${opts.keyId}, 'track', ${opts.userId},
      ${JSON.stringify({ userId: opts.userId, event: "Added to Cart", properties: cart, context: opts.context ?? {} })}::jsonb, now(), now())`;
  const [row] = await db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO events (customer_id, type, occurred_at, properties, source, api_key_id, message_id)
    VALUES (${opts.customerId}, 'Added to Cart', now(), ${JSON.stringify(cart)}::jsonb, 'tracking:website', ${opts.keyId}, ${messageId})
    RETURNING id`;
  return BigInt(row!.id);
}

describe("event properties in flow emails", () => {
  it("come only from a secret key's call or one that proves the profile's identity; links only to allowed hosts or from the catalogue", async () => {
    await db.product.create({
      data: { sku: "OAK-1", name: "Oak table", url: "https://hearth.test/p/oak", imageUrl: "https://cdn.hearth.test/oak.jpg" },
    });
    const secret = await createApiKey({ input: { label: "Server", kind: "secret", source: "website" }, actor });
    const site = await createApiKey({ input: { label: "Site", kind: "public", source: "website" }, actor });
    const ann = await createCustomer({ email: "ann@example.com" });
    const eve = await createCustomer({ email: "eve@example.com" });
    await db.identity.createMany({
      data: [
        { customerId: ann, type: "external_id", source: "website", value: "ann" },
        { customerId: eve, type: "external_id", source: "website", value: "eve" },
      ],
    });
    const fromServer = await tracked({ customerId: ann, keyId: secret.id, userId: "ann" });
    const anyone = await tracked({ customerId: ann, keyId: site.id, userId: "ann" });
    const verified = await tracked({ customerId: ann, keyId: site.id, userId: "ann", context: { userHash: identityHash("ann") } });
    // Eve proves her own id, but the event sits on Ann's profile: not Ann's proof.
    const otherProof = await tracked({ customerId: ann, keyId: site.id, userId: "eve", context: { userHash: identityHash("eve") } });
    const forged = await tracked({ customerId: ann, keyId: site.id, userId: "ann", context: { userHash: "0".repeat(64) } });
    const [imported] = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO events (customer_id, type, occurred_at, properties, source) VALUES (${ann}, 'Added to Cart', now(), ${JSON.stringify(cart)}::jsonb, 'shopify')
      RETURNING id`;

    const contexts = await loadFlowEventContexts({
      eventIds: [fromServer, anyone, verified, otherProof, forged, BigInt(imported!.id)],
      allowedHosts: ["hearth.test"],
      defaultRegion: "GB",
    });
    const expected = [
      // Not an allowed host: the catalogue's page and image for its sku.
      {
        sku: "OAK-1",
        name: "Oak table",
        price: 120,
        quantity: 1,
        url: "https://hearth.test/p/oak",
        image_url: "https://cdn.hearth.test/oak.jpg",
      },
      // Escaped by the template, not here; an unsafe image and no catalogue entry: none.
      { sku: "LAMP", name: "Lamp <b>", price: 30, quantity: 1, url: "https://hearth.test/lamp", image_url: null },
    ];
    expect(contexts.get(fromServer)?.properties.products).toEqual(expected);
    expect(contexts.get(verified)?.properties.products).toEqual(expected);
    expect(contexts.get(BigInt(imported!.id))?.properties.products).toEqual(expected);
    for (const untrusted of [anyone, otherProof, forged])
      expect(contexts.get(untrusted)).toEqual({ type: "Added to Cart", properties: { products: [] } });
  });
});
