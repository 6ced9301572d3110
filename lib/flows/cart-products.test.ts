import { describe, expect, it } from "vitest";
import { allowedLinkHosts, allowedUrl, cartProductsOf } from "./cart-products";

const hosts = ["shop.example"];

describe("cartProductsOf", () => {
  it("keeps names, numbers and links to the shop's own hosts; drops the rest", () => {
    const products = cartProductsOf({
      trusted: true,
      allowedHosts: hosts,
      properties: {
        products: [
          {
            name: "Oak <b>table</b>",
            price: 120.5,
            quantity: 2,
            url: "https://shop.example/p/1",
            image_url: "https://cdn.shop.example/1.jpg",
          },
          { name: "Lamp", price: "9", quantity: -1, url: "javascript:alert(1)", image_url: "https://evil.test/x.png" },
          { name: "", price: 1 },
          "not an object",
          { name: "Rug", url: "https://shop.example.evil.test/", image_url: "https://user:pw@shop.example/i.png" },
        ],
      },
    });
    expect(products).toEqual([
      { name: "Oak <b>table</b>", price: 120.5, quantity: 2, url: "https://shop.example/p/1", image_url: "https://cdn.shop.example/1.jpg" },
      { name: "Lamp", price: null, quantity: 1, url: null, image_url: null },
      { name: "Rug", price: null, quantity: 1, url: null, image_url: null },
    ]);
  });

  it("fills nothing from an untrusted call (a public key), or from properties without products", () => {
    expect(cartProductsOf({ trusted: false, allowedHosts: hosts, properties: { products: [{ name: "Oak" }] } })).toEqual([]);
    expect(cartProductsOf({ trusted: true, allowedHosts: hosts, properties: { products: "x" } })).toEqual([]);
    expect(cartProductsOf({ trusted: true, allowedHosts: hosts, properties: null })).toEqual([]);
  });

  it("derives the allowed hosts from the sender address and the installation", () => {
    expect(allowedLinkHosts({ senderEmail: "Shop <news@Shop.Example>", installationUrl: "https://tailor.shop.example/" })).toEqual([
      "shop.example",
      "tailor.shop.example",
    ]);
    expect(allowedUrl("http://shop.example/a?b=1", hosts)).toBe("http://shop.example/a?b=1");
    expect(allowedUrl("data:image/png;base64,AAA", hosts)).toBeNull();
  });
});
