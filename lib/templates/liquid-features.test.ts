import { describe, expect, it } from "vitest";
import { buildTestContext } from "./build-test-context";
import { compileTemplate, type TemplateSettings } from "./compile-template";
import { renderCompiledEmail, RenderFailure } from "./render-email";
import { liquidEngine } from "./liquid-engine";
import { traceBranches } from "./trace-branches";

const settings: TemplateSettings = { currency: "EUR", timeZone: "America/New_York", postalAddress: "1 Main St" };
const footer = `<mj-text>{{ organisation.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>`;
const body = (inner: string) =>
  `<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n${inner}\n${footer}\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>`;

async function render(inner: string, context = buildTestContext(), subject = "Hello") {
  const compiled = await compileTemplate({ subject, preheader: "", mjml: body(inner) }, settings);
  expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return renderCompiledEmail(compiled, context);
}
const textOf = async (inner: string, context = buildTestContext()) =>
  (await render(`<mj-text>${inner}</mj-text>`, context)).text.split("\n")[0];

describe("Liquid personalization", { timeout: 60_000 }, () => {
  it("renders variables with defaults, conditions, segment membership and loops over orders", async () => {
    expect(await textOf(`Hi {{ customer.first_name | default: "there" }}`)).toBe("Hi jane");
    expect(await textOf(`Hi {{ customer.first_name | default: "there" }}`, buildTestContext({ customer: { first_name: null } }))).toBe(
      "Hi there",
    );
    const vip = `{% if customer.segments contains "VIP" %}VIP{% else %}regular{% endif %} {% if customer.rfm_segment == "Champions" %}champ{% endif %}`;
    expect(await textOf(vip)).toBe("VIP champ");
    expect(await textOf(vip, buildTestContext({ customer: { segments: ["Newsletter"], rfm_segment: "At Risk" } }))).toBe("regular");
    expect(
      await textOf(
        `{% for o in customer.orders %}#{{ o.number }}: {% for l in o.lines %}{{ l.quantity }}x{{ l.sku }};{% endfor %}{% endfor %}`,
      ),
    ).toBe("#536365: 2xMUG-1;1xPOT 2;");
    expect(await textOf(`{% for p in top_products limit: 2 %}{{ p.name }},{% endfor %}`)).toBe("enamel mug,tea pot & lid,");
  });

  it("formats money in the installation's currency, dates in its time zone, and title case", async () => {
    expect(await textOf(`{{ customer.monetary | money }} / {{ 3 | money: "GBP" }}`)).toBe("€1,234.50 / £3.00");
    // 2026-02-20T23:30Z is still the 20th in New York, 18:30.
    expect(await textOf(`{{ customer.last_purchase_at | format_date: "long" }} {{ customer.last_purchase_at | date: "%H:%M" }}`)).toBe(
      "20 February 2026 18:30",
    );
    expect(
      await textOf(
        `{{ customer.last_purchase_at | format_date: "long" }}`,
        buildTestContext({ customer: { last_purchase_at: "2026-02-21T04:30:00.000Z" } }),
      ),
    ).toBe("20 February 2026");
    expect(await textOf(`{{ "JEAN-LUC o'BRIEN" | title_case }}`)).toBe("Jean-Luc O'brien");
  });

  it("escapes every value in the HTML unless marked raw; the subject and text are not escaped", async () => {
    const context = buildTestContext({ customer: { first_name: `<img src=x onerror="alert(1)">` } });
    const email = await render(
      `<mj-text>A {{ customer.first_name }} B {{ customer.first_name | raw }}</mj-text>`,
      context,
      "Hi {{ customer.first_name }}",
    );
    expect(email.html).toContain(`A &lt;img src=x onerror=&#34;alert(1)&#34;&gt; B <img src=x onerror="alert(1)">`);
    expect(email.subject).toBe(`Hi <img src=x onerror="alert(1)">`);
    expect(email.html).not.toContain(`A <img`);
  });

  it("stops a template that loops forever or renders megabytes, with a clear error", async () => {
    const forever = await compileTemplate(
      {
        subject: "x",
        preheader: "",
        mjml: body(`<mj-text>{% for i in (1..100000000) %}{% for j in (1..100000000) %}{% endfor %}{% endfor %}</mj-text>`),
      },
      settings,
    );
    expect(() => renderCompiledEmail(forever, buildTestContext())).toThrow(/too long to render|too much output/);
    const slow = liquidEngine(settings, "html").parse(`{% for i in (1..5000000) %}{{ i | plus: 1 | minus: 1 }}{% endfor %}`);
    const started = performance.now();
    expect(() => liquidEngine(settings, "html").renderSync(slow, {})).toThrow(/render limit|memory/i);
    expect(performance.now() - started).toBeLessThan(15_000);
    const huge = await compileTemplate(
      {
        subject: "x",
        preheader: "",
        mjml: body(
          `<mj-text>{% assign s = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" %}{% for i in (1..30) %}{% assign s = s | append: s %}{% endfor %}{{ s }}</mj-text>`,
        ),
      },
      settings,
    );
    expect(() => renderCompiledEmail(huge, buildTestContext())).toThrow(/too much output/);
  });

  it("reaches nothing outside the context: no files, no prototype properties", async () => {
    const include = await compileTemplate(
      { subject: "x", preheader: "", mjml: body(`<mj-text>{% include "/etc/passwd" %}</mj-text>`) },
      settings,
    );
    expect(() => renderCompiledEmail(include, buildTestContext())).toThrow(RenderFailure);
    const probe = liquidEngine(settings, "html").parse(
      `[{{ customer.email.constructor }}{{ top_products.constructor.name }}{{ customer.__proto__ }}]`,
    );
    expect(() => liquidEngine(settings, "html").renderSync(probe, buildTestContext())).toThrow(/undefined variable/);
    const lenient = liquidEngine(settings, "html").renderSync(probe, buildTestContext(), { strictVariables: false });
    expect(lenient).toBe("[]");
  });

  it("reports Liquid syntax errors and unknown variables at their line and column", async () => {
    const mjml = body(`<mj-text>ok</mj-text>\n<mj-text>{% if customer.first_name %}unclosed</mj-text>`);
    const broken = await compileTemplate({ subject: "x", preheader: "", mjml }, settings);
    const error = broken.diagnostics.find((d) => d.source === "liquid")!;
    expect(error).toMatchObject({ severity: "error", field: "body", line: 6 });
    expect(error.message).toMatch(/not closed/i);

    const unknown = await compileTemplate(
      {
        subject: "Hi {{ customer.frist_name }}",
        preheader: "",
        mjml: body(
          `<mj-text>{{ customer.first_name }}\n{% for o in customer.orders %}{{ o.totl }}{{ o.total }}{% endfor %}\n{{ customer.attributes.shoe_size | default: 42 }}{{ forloop.index }}</mj-text>`,
        ),
      },
      settings,
    );
    expect(unknown.diagnostics.filter((d) => d.source === "variable").map((d) => [d.field, d.line, d.message])).toEqual([
      ["subject", 1, expect.stringContaining("customer.frist_name")],
      ["body", 6, expect.stringContaining("o.totl")],
    ]);
    expect(unknown.ok).toBe(false);
  });

  it("traces which conditional branches fire for a customer", () => {
    const engine = liquidEngine(settings, "text");
    const source = `{% if customer.rfm_segment == "Champions" %}a\n{% elsif customer.frequency > 1 %}b{% else %}c{% endif %}\n{% for o in customer.orders %}{% if o.total > 100 %}big{% endif %}{% endfor %}\n{% unless customer.segments contains "VIP" %}x{% endunless %}`;
    const trace = traceBranches(engine, source, "body", buildTestContext() as unknown as Record<string, unknown>);
    expect(trace.map((t) => [t.line, t.condition, t.taken])).toEqual([
      [1, 'if customer.rfm_segment == "Champions"', true],
      [2, "elsif customer.frequency > 1", false],
      [2, "else", false],
      [3, "if o.total > 100", true],
      [4, 'unless customer.segments contains "VIP"', false],
    ]);
    const other = traceBranches(
      engine,
      source,
      "body",
      buildTestContext({ customer: { rfm_segment: null, frequency: 0, orders: [], segments: [] } }) as unknown as Record<string, unknown>,
    );
    expect(other.map((t) => t.taken)).toEqual([false, false, true, false, true]);
  });
});
