import { describe, expect, it } from "vitest";
import { db } from "../db";
import { loadGalleryTemplate } from "./gallery";
import { loadCartEvent } from "./load-cart-event";
import { previewTemplate } from "./preview-template";

describe("the preview's cart", () => {
  it("fills event.properties.products from the customer's latest cart: the session's items, named from the catalogue", async () => {
    await db.product.createMany({
      data: [
        { sku: "MUG-9", name: "Enamel mug" },
        { sku: "POT-9", name: "Tea pot" },
      ],
    });
    const c = await db.customer.create({ data: { email: "cart@x.test", firstName: "Cara" } });
    const at = (m: number) => new Date(Date.UTC(2026, 2, 1, 10, m));
    await db.event.createMany({
      data: [
        { customerId: c.id, type: "added_to_cart", occurredAt: at(0), properties: { sku: "OLD-1", sessionId: "s1", price: 3 } },
        {
          customerId: c.id,
          type: "added_to_cart",
          occurredAt: at(10),
          properties: { sku: "MUG-9", quantity: 1, price: 12, sessionId: "s2" },
        },
        {
          customerId: c.id,
          type: "added_to_cart",
          occurredAt: at(11),
          properties: { sku: "POT-9", quantity: 1, price: 30, sessionId: "s2" },
        },
        {
          customerId: c.id,
          type: "added_to_cart",
          occurredAt: at(12),
          properties: { sku: "MUG-9", quantity: 1, price: 12, sessionId: "s2" },
        },
        { customerId: c.id, type: "checkout_started", occurredAt: at(13), properties: { items: 3, value: 54, sessionId: "s2" } },
      ],
    });
    const event = await loadCartEvent({ customerId: c.id });
    expect(event).toMatchObject({ type: "checkout_started" });
    expect(event!.properties.products).toEqual([
      { sku: "MUG-9", name: "Enamel mug", price: 12, quantity: 2, url: null, image_url: null },
      { sku: "POT-9", name: "Tea pot", price: 30, quantity: 1, url: null, image_url: null },
    ]);
    const preview = await previewTemplate(await loadGalleryTemplate("abandoned-cart"), c.id);
    expect(preview.html).toContain("You left 2 items in your cart");
    expect(preview.html).toContain("Enamel mug");
    expect(preview.html).toContain("Tea pot");
    expect(preview.variables.map((v) => v.path)).toContain("event.properties.products");

    const noCart = await db.customer.create({ data: { email: "nocart@x.test" } });
    expect(await loadCartEvent({ customerId: noCart.id })).toBeNull();
    expect((await previewTemplate(await loadGalleryTemplate("abandoned-cart"), noCart.id)).html).toContain("Your cart is saved");
  });
});
