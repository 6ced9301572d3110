import { describe, expect, it } from "vitest";
import { buildTestContext, testContextCorpus } from "./build-test-context";
import { compileTemplate, type TemplateSettings } from "./compile-template";
import { gallery, loadGalleryTemplate } from "./gallery";
import { scanLiquidTags } from "./liquid-tags";
import { htmlToText } from "./html-text";
import { liquidEngine } from "./liquid-engine";
import { preheaderMarker } from "./preheader";
import { renderCompiledEmail, renderEmail, renderPerRecipient } from "./render-email";

const settings: TemplateSettings = { currency: "GBP", timeZone: "Europe/London", postalAddress: "1 Market Street" };
const footer = `<mj-text>{{ organisation.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>`;
/** Whitespace-normalized: runs of whitespace are one space, none next to a tag's brackets. */
/** Compiles a body whose lines start at line 3 (after <mjml> and <mj-body>). */
const compileBody = (lines: string[]) =>
  compileTemplate({ subject: "x", preheader: "", mjml: ["<mjml>", "<mj-body>", ...lines, "</mj-body>", "</mjml>"].join("\n") }, settings);
const normalize = (s: string) =>
  s
    .replace(/\s+/g, " ")
    .replace(/\s*(<|>)\s*/g, "$1")
    .trim();

describe("the compile-once pipeline", { timeout: 120_000 }, () => {
  it("gives the same email as Liquid-then-MJML per recipient, for every gallery template and a corpus of customers", async () => {
    for (const entry of gallery) {
      const draft = await loadGalleryTemplate(entry.key);
      const compiled = await compileTemplate(draft, settings);
      expect(compiled.diagnostics, entry.key).toEqual([]);
      expect(compiled.mode, entry.key).toBe("compile-once");
      expect(compiled.textMode, entry.key).toBe("compile-once");
      const seen = new Set<string>();
      for (const context of testContextCorpus()) {
        const once = renderCompiledEmail(compiled, context);
        const reference = await renderPerRecipient(compiled, context);
        expect(normalize(once.html), `${entry.key} for customer ${context.customer.id}`).toBe(normalize(reference.html));
        expect(normalize(once.text), `${entry.key} text for customer ${context.customer.id}`).toBe(normalize(reference.text));
        expect(once.subject).toBe(reference.subject);
        expect(once.preheader).toBe(reference.preheader);
        seen.add(normalize(once.html));
      }
      // The corpus really exercises the template: customers get different emails.
      expect(seen.size, entry.key).toBeGreaterThan(2);
    }
  });

  it("makes the plain text per recipient, with a warning at the line, for a template outside the plain-text rules; the same text either way", async () => {
    const compiled = await compileBody([
      "<mj-section><mj-column>",
      `<mj-text>Hi {{ customer.first_name | raw }}</mj-text>`,
      `<mj-text>Mail <a href="{{ customer.email }}">us</a> or see <a href="mailto:help@example.com?subject={{ customer.id }}">help</a></mj-text>`,
      `<mj-text>{{ customer.city | default: "a &amp; b" }}</mj-text>`,
      footer,
      "</mj-column></mj-section>",
    ]);
    expect(compiled.mode).toBe("compile-once");
    expect(compiled.textMode).toBe("per-recipient");
    const warnings = compiled.diagnostics.filter((d) => d.message.startsWith("Plain text:"));
    expect(warnings.map((d) => [d.severity, d.line])).toEqual([
      ["warning", 6],
      ["warning", 4],
      ["warning", 5],
    ]);
    expect(warnings[1]!.message).toMatch(/unescaped/);
    expect(warnings[2]!.message).toMatch(/starts with Liquid/);
    const corpus = [
      ...testContextCorpus(),
      buildTestContext({ customer: { first_name: "<b>Bold</b> &amp; co", email: "mailto:x@example.com", city: null } }),
    ];
    for (const context of corpus) {
      const once = renderCompiledEmail(compiled, context);
      const reference = await renderPerRecipient(compiled, context);
      expect(normalize(once.text), `customer ${context.customer.id}`).toBe(normalize(reference.text));
      expect(normalize(once.html)).toBe(normalize(reference.html));
    }
    // The rules are needed: a text template derived anyway gives another text for these customers.
    const derived = liquidEngine(settings, "text").parse(htmlToText(compiled.compiledHtml!.replace(preheaderMarker, "")));
    const last = corpus[corpus.length - 1]!;
    expect(normalize(liquidEngine(settings, "text").renderSync(derived, last) as string)).not.toBe(
      normalize((await renderPerRecipient(compiled, last)).text),
    );
  });

  it("merges Outlook conditionals where sections meet across rendered blocks exactly as MJML does (empty, nested and consecutive blocks)", async () => {
    const section = (text: string) => `<mj-section><mj-column><mj-text>${text}</mj-text></mj-column></mj-section>`;
    const compiled = await compileBody([
      section("top"),
      "<mj-raw>{% if customer.segments contains 'VIP' %}</mj-raw>",
      section("vip"),
      "<mj-raw>{% if customer.frequency > 5 %}</mj-raw>",
      section("frequent vip"),
      "<mj-raw>{% endif %}</mj-raw>",
      "<mj-raw>{% elsif customer.frequency > 0 %}</mj-raw>",
      "<mj-raw>{% else %}</mj-raw>",
      section("no orders"),
      "<mj-raw>{% endif %}</mj-raw>",
      "<mj-raw>{% unless customer.city %}</mj-raw>",
      "<mj-raw>{% endunless %}</mj-raw>",
      `<mj-section><mj-column>${footer}</mj-column></mj-section>`,
    ]);
    expect(compiled.mode).toBe("compile-once");
    expect(compiled.mergeOutlook).toBe(true);
    for (const context of testContextCorpus()) {
      const once = renderCompiledEmail(compiled, context);
      const reference = await renderPerRecipient(compiled, context);
      expect(normalize(once.html), `customer ${context.customer.id}`).toBe(normalize(reference.html));
      expect(once.html.match(/<!--\[if mso \| IE]>/g)?.length).toBe(reference.html.match(/<!--\[if mso \| IE]>/g)?.length);
    }
  });

  it("the gallery's newsletter is a real-sized email: over 30 KB compiled, over 40 output tags, a loop and a conditional", async () => {
    const draft = await loadGalleryTemplate("newsletter");
    const compiled = await compileTemplate(draft, settings);
    const tags = scanLiquidTags(draft.mjml);
    expect(compiled.compiledHtml!.length).toBeGreaterThan(30_000);
    expect(tags.filter((t) => t.kind === "output").length).toBeGreaterThanOrEqual(40);
    expect(tags.some((t) => t.name === "for")).toBe(true);
    expect(tags.some((t) => t.name === "if")).toBe(true);
  });

  it("points out placements outside the rules at their line and falls back to compiling per recipient, with the same result", async () => {
    const compiled = await compileBody([
      "{% if customer.segments contains 'VIP' %}",
      "<mj-section><mj-column><mj-text>VIP only</mj-text></mj-column></mj-section>",
      "{% endif %}",
      '<mj-section padding="{{ customer.frequency }}px"><mj-column>',
      `<mj-text>Hi {{ customer.first_name | default: "there" }}</mj-text>`,
      footer,
      "</mj-column></mj-section>",
    ]);
    expect(compiled.mode).toBe("per-recipient");
    expect(compiled.ok).toBe(true);
    const placement = compiled.diagnostics.filter((d) => d.source === "placement");
    expect(placement.map((d) => [d.severity, d.line])).toEqual([
      ["warning", 3],
      ["warning", 5],
      ["warning", 6],
    ]);
    expect(placement[0]!.message).toMatch(/mj-raw/);
    expect(placement[2]!.message).toMatch(/padding attribute/);
    const [vip, plain] = [testContextCorpus()[0]!, testContextCorpus()[1]!];
    const forVip = await renderEmail(compiled, vip);
    expect(forVip.html).toContain("VIP only");
    expect(forVip.html).toContain("padding:9px");
    expect((await renderEmail(compiled, plain)).html).not.toContain("VIP only");
  });

  it("accepts block tags in sibling mj-raw elements around sections, and refuses a block that spans elements", async () => {
    const ok = `<mjml><mj-body><mj-raw>{% if customer.frequency > 0 %}</mj-raw><mj-section><mj-column><mj-text>buyer</mj-text></mj-column></mj-section><mj-raw>{% else %}</mj-raw><mj-section><mj-column><mj-text>browser</mj-text></mj-column></mj-section><mj-raw>{% endif %}</mj-raw><mj-section><mj-column>${footer}</mj-column></mj-section></mj-body></mjml>`;
    expect((await compileTemplate({ subject: "x", preheader: "", mjml: ok }, settings)).mode).toBe("compile-once");
    const spans = `<mjml><mj-body><mj-section><mj-column><mj-text>{% if customer.frequency > 0 %}a</mj-text>\n<mj-text>b{% endif %}</mj-text>${footer}</mj-column></mj-section></mj-body></mjml>`;
    const compiled = await compileTemplate({ subject: "x", preheader: "", mjml: spans }, settings);
    expect(compiled.mode).toBe("per-recipient");
    expect(compiled.diagnostics).toContainEqual(
      expect.objectContaining({ source: "placement", line: 2, message: expect.stringContaining("different element") }),
    );
  });

  it("reports invalid MJML with its line: unknown elements, wrong nesting, unclosed tags", async () => {
    const mjml = `<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-txt>typo</mj-txt>\n${footer}\n</mj-column>\n<mj-text>not in a column</mj-text>\n</mj-body>\n</mjml>`;
    const compiled = await compileTemplate({ subject: "x", preheader: "", mjml }, settings);
    const errors = compiled.diagnostics.filter((d) => d.severity === "error" && d.source === "mjml");
    expect(errors.map((d) => d.line)).toEqual(expect.arrayContaining([3, 5, 8]));
    expect(errors.find((d) => d.line === 5)!.message).toMatch(/mj-txt/);
    expect(errors.find((d) => d.line === 3)!.message).toMatch(/mj-section.*not closed/);
    expect(compiled.ok).toBe(false);
    const notMjml = await compileTemplate({ subject: "x", preheader: "", mjml: "<p>hello</p>" }, settings);
    expect(notMjml.diagnostics).toContainEqual(
      expect.objectContaining({ severity: "error", source: "mjml", line: 1, message: expect.stringContaining("<mjml>") }),
    );
  });

  it("warns when the footer lacks the unsubscribe link or the postal address", async () => {
    const bare = `<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>`;
    const compiled = await compileTemplate({ subject: "x", preheader: "", mjml: bare }, settings);
    expect(compiled.diagnostics.filter((d) => d.source === "footer").map((d) => d.message)).toEqual([
      expect.stringContaining("unsubscribe"),
      expect.stringContaining("postal address"),
    ]);
    expect(compiled.ok).toBe(true);
    const literal = bare.replace("Hi", `1 Market Street <a href="{{ unsubscribe_url }}">Unsubscribe</a>`);
    expect((await compileTemplate({ subject: "x", preheader: "", mjml: literal }, settings)).diagnostics).toEqual([]);
  });

  it("warns that the postal address setting is empty (and says where to set it) even when the footer prints it", async () => {
    const mjml = `<mjml><mj-body><mj-section><mj-column>${footer}</mj-column></mj-section></mj-body></mjml>`;
    expect((await compileTemplate({ subject: "x", preheader: "", mjml }, settings)).diagnostics).toEqual([]);
    const unset = await compileTemplate({ subject: "x", preheader: "", mjml }, { ...settings, postalAddress: "  " });
    expect(unset.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", source: "footer", message: expect.stringContaining("Settings → Postal address") }),
    ]);
    expect(unset.ok).toBe(true); // previews and the render CLI keep rendering
  });

  it("puts the preheader, hidden, right after <body> and leaves it out of the text", async () => {
    const draft = await loadGalleryTemplate("welcome");
    const compiled = await compileTemplate({ ...draft, preheader: "For {{ customer.first_name }} & co" }, settings);
    const email = renderCompiledEmail(compiled, testContextCorpus()[0]!);
    expect(email.preheader).toBe("For jane & co");
    expect(email.html).toMatch(/<body[^>]*><div class="tailor-preheader" style="display:none;[^"]*">For jane &amp; co<\/div>/);
    expect(email.text).not.toContain("For jane");
  });
});
