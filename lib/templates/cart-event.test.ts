import { describe, expect, it } from "vitest";
import { compileTemplate } from "./compile-template";
import { buildTestContext } from "./build-test-context";
import { cartProductsOf, safeUrl } from "./cart-event";
import { loadGalleryTemplate } from "./gallery";
import { renderEmail } from "./render-email";

const settings = { currency: "GBP", timeZone: "Europe/London", postalAddress: "1 Market Street" };

describe("the cart event contract", () => {
  it("keeps only the contract's fields, of the expected types, from untrusted properties", () => {
    expect(
      cartProductsOf({
        products: [
          {
            product_id: "SKU-1",
            name: "Mug",
            price: "12.50",
            quantity: "3",
            url: "javascript:alert(1)",
            image_url: "https://x.test/a.jpg",
            extra: 1,
          },
          { sku: "SKU-2", quantity: -4 },
          { price: 3 },
        ],
      }),
    ).toEqual([
      { sku: "SKU-1", name: "Mug", price: 12.5, quantity: 3, url: null, image_url: "https://x.test/a.jpg" },
      { sku: "SKU-2", name: "SKU-2", price: null, quantity: 1, url: null, image_url: null },
    ]);
    // A single-product event ("added to cart") is a cart of one; the catalogue names it.
    expect(cartProductsOf({ sku: "SKU-3", price: 5 }, new Map([["SKU-3", "Teapot"]]))).toMatchObject([{ name: "Teapot", quantity: 1 }]);
    expect(safeUrl("data:text/html,hi")).toBeNull();
  });

  it("the abandoned-cart template lists the cart's items, escaped, and falls back to best sellers without a cart", async () => {
    const compiled = await compileTemplate(await loadGalleryTemplate("abandoned-cart"), settings);
    expect(compiled.diagnostics).toEqual([]);
    const cart = buildTestContext({
      event: {
        type: "added_to_cart",
        properties: {
          products: [
            { sku: "A", name: "Enamel mug", price: 12, quantity: 2, url: "https://shop.test/mug", image_url: null },
            { sku: null, name: "<b>Tea</b> & pot", price: null, quantity: 1, url: "javascript:alert(1)", image_url: null },
          ],
        },
      },
    });
    const html = (await renderEmail(compiled, cart as never)).html;
    expect(html).toContain("You left 2 items in your cart");
    expect(html).toContain("£24.00");
    expect(html).toContain("&lt;b&gt;Tea&lt;/b&gt; &amp; pot");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("Best");
    const none = (await renderEmail(compiled, buildTestContext({ event: { type: null, properties: { products: [] } } }) as never)).html;
    expect(none).toContain("Your cart is saved");
    expect(none).not.toMatch(/You left \d+ item/);
  });
});
