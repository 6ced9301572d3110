import { describe, expect, it } from "vitest";
import { buildTestContext, testContextCorpus } from "./build-test-context";
import { compileTemplate } from "./compile-template";
import { accelerateOutputs } from "./fast-outputs";
import { gallery, loadGalleryTemplate } from "./gallery";
import { liquidEngine, referenceLiquidEngine } from "./liquid-engine";

const settings = { currency: "GBP", timeZone: "Europe/London", postalAddress: "x" };

describe("fast output tags, fast conditions and the sync renderer", { timeout: 60_000 }, () => {
  it("render exactly what liquidjs as shipped renders, for the gallery's HTML and text and a corpus of customers", async () => {
    // liquidjs's own renderer (generators, no fast outputs) is the reference.
    const html = referenceLiquidEngine(settings, "html");
    const text = referenceLiquidEngine(settings, "text");
    for (const entry of gallery) {
      const draft = await loadGalleryTemplate(entry.key);
      const compiled = await compileTemplate(draft, settings);
      const plainHtml = html.parse(compiled.compiledHtml!);
      const plainText = text.parse(textSource(compiled));
      const [plainSubject, plainPreheader] = [text.parse(draft.subject), text.parse(draft.preheader)];
      for (const context of testContextCorpus()) {
        expect(liquidEngine(settings, "html").renderSync(compiled.html!, context), entry.key).toBe(html.renderSync(plainHtml, context));
        expect(liquidEngine(settings, "text").renderSync(compiled.text!, context), entry.key).toBe(text.renderSync(plainText, context));
        expect(liquidEngine(settings, "text").renderSync(compiled.subject, context), entry.key).toBe(
          text.renderSync(plainSubject, context),
        );
        expect(liquidEngine(settings, "text").renderSync(compiled.preheader, context), entry.key).toBe(
          text.renderSync(plainPreheader, context),
        );
      }
    }
  });

  it("keep liquidjs's errors, defaults, escaping, keyword arguments and special properties", () => {
    const html = liquidEngine(settings, "html");
    const source = `{{ customer.first_name }}|{{ customer.nope | default: "d" }}|{{ customer.segments.size }}|{{ customer.orders.first.number }}|{{ top_products[1].name }}|{{ customer.orders[0].total | money: customer.orders[0].currency }}|{{ "a,b" | split: "," | join: "+" }}|{{ customer.email | raw }}|{{ 3 | plus: 4 }}|{{ top_products | map: "sku" | join: "," }}`;
    const context = buildTestContext({ customer: { first_name: "<b>&" } });
    const fast = accelerateOutputs(html.parse(source));
    expect(html.renderSync(fast, context)).toBe(html.renderSync(html.parse(source), context));
    expect(html.renderSync(fast, context)).toBe(
      "&lt;b&gt;&amp;|d|1|536365|tea pot &amp; lid|£139.50|a+b|jane.doe@example.com|7|MUG-1,POT 2,BWL-3,KNF-4",
    );
    const unknown = accelerateOutputs(html.parse(`line one\n{{ customer.nope }}`));
    expect(() => html.renderSync(unknown, context)).toThrow(/undefined variable: customer\.nope, line:2/);
  });
});

describe("the sync renderer", () => {
  const tricky = [
    `{% for o in customer.orders %}{% if forloop.index == 2 %}{% break %}{% endif %}[{{ o.number }}]{% endfor %}`,
    `{% for p in top_products %}{% if p.price < 20 %}{% continue %}{% endif %}{{ p.sku }},{% else %}none{% endfor %}`,
    `{% capture greeting %}Hi {{ customer.first_name | title_case }}{% endcapture %}{{ greeting | upcase }}`,
    `{% assign n = customer.orders.size %}{% unless n > 5 %}{{ n }} orders{% endunless %}{% case customer.rfm_segment %}{% when "Champions" %}C{% else %}?{% endcase %}`,
    `{% for i in (1..3) %}{% cycle "a", "b" %}{{ forloop.last }}{% endfor %}{% raw %}{{ not liquid }}{% endraw %}{% liquid\n assign x = 2\n echo x\n %}`,
    `{% if customer.nope %}a{% elsif customer.segments contains "VIP" and customer.frequency > 1 or customer.city == "leeds" %}b{% else %}c{% endif %}{% if customer.missing.deep == 1 or customer.city == nil %}d{% endif %}`,
    `{% unless customer.orders.size > 0 or customer.first_name %}e{% endunless %}{% if customer.monetary >= 1234.5 and customer.rfm_segment != "At Risk" %}f{% endif %}{% if top_products.first.price <= 12 %}g{% endif %}`,
    `{{ top_products | map: "price" | join: "+" }} {{ customer.orders.first.lines.last.sku | default: "-" }} {{ customer.attributes }} {{ nothing_here | default: customer.segments }}`,
  ];
  it("renders loops with break/continue/else, capture, unless, case, cycle, raw and liquid tags as liquidjs does", () => {
    for (const mode of ["html", "text"] as const) {
      const fast = liquidEngine(settings, mode);
      const reference = referenceLiquidEngine(settings, mode);
      for (const source of tricky) {
        for (const context of testContextCorpus()) {
          expect(fast.renderSync(accelerateOutputs(fast.parse(source)), context), source).toBe(
            reference.renderSync(reference.parse(source), context),
          );
        }
      }
    }
  });

  it("reports errors in nested blocks with liquidjs's message and line, and async renders still work", async () => {
    const source = `a\n{% for o in customer.orders %}\n{% if o.total > 1 %}\n{{ o.nope }}\n{% endif %}{% endfor %}`;
    const fast = liquidEngine(settings, "html");
    const reference = referenceLiquidEngine(settings, "html");
    const message = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    const expected = message(() => reference.renderSync(reference.parse(source), buildTestContext()));
    expect(expected).toMatch(/undefined variable: o\.nope, line:4/);
    expect(message(() => fast.renderSync(accelerateOutputs(fast.parse(source)), buildTestContext()))).toBe(expected);
    const loop = `{% for o in customer.orders %}<{{ o.number }}>{% endfor %}`;
    expect(await fast.render(fast.parse(loop), buildTestContext())).toBe("<536365>");
  });
});

/** The compile-once text template's source, as compileTemplate derived it (every parsed token keeps the whole input). */
function textSource(compiled: Awaited<ReturnType<typeof compileTemplate>>): string {
  return (compiled.text![0] as unknown as { token: { input: string } }).token.input;
}
