import { describe, expect, it } from "vitest";
import { buildTestContext, testContextCorpus } from "./build-test-context";
import { compileTemplate } from "./compile-template";
import { accelerateOutputs } from "./fast-outputs";
import { gallery, loadGalleryTemplate } from "./gallery";
import { liquidEngine } from "./liquid-engine";

const settings = { currency: "GBP", timeZone: "Europe/London", postalAddress: "x" };

describe("fast output tags", { timeout: 60_000 }, () => {
  it("render exactly what liquidjs renders, for the gallery's HTML and text and a corpus of customers", async () => {
    for (const entry of gallery) {
      const compiled = await compileTemplate(await loadGalleryTemplate(entry.key), settings);
      const html = liquidEngine(settings, "html");
      const text = liquidEngine(settings, "text");
      const plainHtml = html.parse(compiled.compiledHtml!);
      const plainText = text.parse(textSource(compiled));
      for (const context of testContextCorpus()) {
        expect(html.renderSync(compiled.html!, context), entry.key).toBe(html.renderSync(plainHtml, context));
        expect(text.renderSync(compiled.text!, context), entry.key).toBe(text.renderSync(plainText, context));
      }
    }
  });

  it("keep liquidjs's errors, defaults, escaping, keyword arguments and special properties", () => {
    const html = liquidEngine(settings, "html");
    const source = `{{ customer.first_name }}|{{ customer.nope | default: "d" }}|{{ customer.segments.size }}|{{ customer.orders.first.number }}|{{ top_products[1].name }}|{{ customer.orders[0].total | money: customer.orders[0].currency }}|{{ "a,b" | split: "," | join: "+" }}|{{ customer.email | raw }}|{{ 3 | plus: 4 }}|{{ top_products | map: "sku" | join: "," }}`;
    const context = buildTestContext({ customer: { first_name: "<b>&" } });
    const fast = accelerateOutputs(html.parse(source));
    expect(html.renderSync(fast, context)).toBe(html.renderSync(html.parse(source), context));
    expect(html.renderSync(fast, context)).toBe("&lt;b&gt;&amp;|d|1|536365|tea pot &amp; lid|£139.50|a+b|jane.doe@example.com|7|MUG-1,POT 2,BWL-3,KNF-4");
    const unknown = accelerateOutputs(html.parse(`line one\n{{ customer.nope }}`));
    expect(() => html.renderSync(unknown, context)).toThrow(/undefined variable: customer\.nope, line:2/);
  });
});

/** The compile-once text template's source, as compileTemplate derived it (every parsed token keeps the whole input). */
function textSource(compiled: Awaited<ReturnType<typeof compileTemplate>>): string {
  return (compiled.text![0] as unknown as { token: { input: string } }).token.input;
}
