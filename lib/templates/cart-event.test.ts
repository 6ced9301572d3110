import { describe, expect, it } from "vitest";
import { compileTemplate } from "./compile-template";
import { buildTestContext } from "./build-test-context";
import { allowedLinkHosts, cartProductsOf, safeUrl } from "./cart-event";
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
    expect(cartProductsOf({ sku: "SKU-3", price: 5 }, { names: new Map([["SKU-3", "Teapot"]]) })).toMatchObject([
      { name: "Teapot", quantity: 1 },
    ]);
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

describe("a flow email's cart: links only to the shop's own hosts", () => {
  const hosts = ["shop.example"];

  it("keeps names, numbers and links to the shop's own hosts; drops the rest", () => {
    const products = cartProductsOf(
      {
        products: [
          {
            name: "Oak <b>table</b>",
            price: 120.5,
            quantity: 2,
            url: "https://shop.example/p/1",
            image_url: "https://cdn.shop.example/1.jpg",
          },
          { name: "Lamp\u0007", price: "x", quantity: -1, url: "javascript:alert(1)", image_url: "https://evil.test/x.png" },
          { name: "", price: 1 },
          "not an object",
          { name: "Rug", url: "https://shop.example.evil.test/", image_url: "https://user:pw@shop.example/i.png" },
        ],
      },
      { allowedHosts: hosts },
    );
    expect(products).toEqual([
      {
        sku: null,
        name: "Oak <b>table</b>",
        price: 120.5,
        quantity: 2,
        url: "https://shop.example/p/1",
        image_url: "https://cdn.shop.example/1.jpg",
      },
      { sku: null, name: "Lamp", price: null, quantity: 1, url: null, image_url: null },
      { sku: null, name: "Rug", price: null, quantity: 1, url: null, image_url: null },
    ]);
    expect(cartProductsOf({ products: "x" }, { allowedHosts: hosts })).toEqual([]);
    expect(cartProductsOf(null, { allowedHosts: hosts })).toEqual([]);
  });

  it("derives the allowed hosts from the sender address and the installation", () => {
    expect(allowedLinkHosts({ senderEmail: "Shop <news@Shop.Example>", installationUrl: "https://tailor.shop.example/" })).toEqual([
      "shop.example",
      "tailor.shop.example",
    ]);
    expect(safeUrl("http://shop.example/a?b=1", hosts)).toBe("http://shop.example/a?b=1");
    expect(safeUrl("https://user:pw@shop.example/", hosts)).toBeNull();
    expect(safeUrl("data:image/png;base64,AAA", hosts)).toBeNull();
  });
});
