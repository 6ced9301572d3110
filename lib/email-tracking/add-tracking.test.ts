import { describe, expect, it } from "vitest";
import { useTestSecret } from "../../test/use-test-secret";
import { testContextCorpus } from "../templates/build-test-context";
import { compileTemplate, type TemplateSettings } from "../templates/compile-template";
import { gallery, loadGalleryTemplate } from "../templates/gallery";
import { renderCompiledEmail, renderPerRecipient } from "../templates/render-email";
import { addTracking, matchesLink, trackedLinks } from "./add-tracking";
import { verifyClickToken, verifyOpenToken } from "./tracking-token";

const settings: TemplateSettings = { currency: "GBP", timeZone: "Europe/London", postalAddress: "1 Market Street" };
const base = "https://tailor.example.org";
const normalize = (s: string) =>
  s
    .replace(/\s+/g, " ")
    .replace(/\s*(<|>)\s*/g, "$1")
    .trim();

/** Every tracked address in a rendered email, decoded: its token and the destination it carries. */
function clicksIn(html: string) {
  return [...html.matchAll(/https:\/\/tailor\.example\.org\/api\/email\/click\/([^"?\s\]]+)(?:\?u=([^"\s\]]*))?/g)].map((m) => ({
    token: m[1]!,
    u: m[2] === undefined ? undefined : decodeURIComponent(m[2].replace(/&amp;/g, "&").replace(/\+/g, " ")),
  }));
}

describe("tracked campaign emails", { timeout: 120_000 }, () => {
  useTestSecret();

  it("rewrites every gallery link through the installation, keeps compile-once, and signs each link for its recipient", async () => {
    for (const entry of gallery) {
      const draft = await loadGalleryTemplate(entry.key);
      const compiled = await compileTemplate(draft, settings, { tracking: { baseUrl: base, campaignId: "cmp_1" } });
      expect(compiled.diagnostics, entry.key).toEqual([]);
      expect(compiled.mode, entry.key).toBe("compile-once");
      expect(compiled.textMode, entry.key).toBe("compile-once");
      expect(compiled.links!.length, entry.key).toBeGreaterThan(0);
      for (const context of testContextCorpus().slice(0, 6)) {
        const target = { campaignId: "cmp_1", customerId: context.customer.id };
        const email = renderCompiledEmail(compiled, context);
        // Same email either way (the compile-once rules hold for the rewritten template).
        const reference = await renderPerRecipient(compiled, context);
        expect(normalize(email.html), entry.key).toBe(normalize(reference.html));
        expect(normalize(email.text), entry.key).toBe(normalize(reference.text));
        // No link leaves the email untracked except the unsubscribe link.
        const hrefs = [...email.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
        const unsubscribe = context.unsubscribe_url.replace(/&/g, "&amp;");
        for (const href of hrefs)
          if (/^https?:/.test(href) && href !== unsubscribe) expect(href.startsWith(`${base}/`), `${entry.key}: ${href}`).toBe(true);
        // The open pixel carries this recipient's token.
        const pixel = /src="https:\/\/tailor\.example\.org\/api\/email\/open\/([^"]+)"/.exec(email.html);
        expect(verifyOpenToken(pixel![1]!)).toEqual(target);
        const clicks = [...clicksIn(email.html), ...clicksIn(email.text)];
        expect(clicks.length).toBeGreaterThan(0);
        for (const click of clicks) {
          const verified = verifyClickToken(click.token);
          expect(verified).toMatchObject(target);
          const link = compiled.links![verified!.link]!;
          if (click.u === undefined) expect(link.url).not.toMatch(/\{\{/);
          else expect(matchesLink(link, click.u), `${click.u} for ${link.url}`).toBe(true);
        }
      }
    }
  });

  it("carries a per-recipient address that equals the untracked email's link", async () => {
    const mjml = `<mjml><mj-body><mj-section><mj-column>
      <mj-text><a href="https://shop.example.com/p/{{ customer.first_name | url_encode }}?cid={{ customer.id }}&amp;x=1">Shop</a>
      {{ organisation.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
    </mj-column></mj-section></mj-body></mjml>`;
    const compiled = await compileTemplate({ subject: "Hi", preheader: "", mjml }, settings, {
      tracking: { baseUrl: base, campaignId: "cmp_1" },
    });
    expect(compiled.diagnostics).toEqual([]);
    const context = { ...testContextCorpus()[0]! };
    context.customer = { ...context.customer, first_name: "Zoë & Al" };
    const [click] = clicksIn(renderCompiledEmail(compiled, context).html);
    expect(click!.u).toBe(`https://shop.example.com/p/Zo%C3%AB+%26+Al?cid=${context.customer.id}&x=1`);
    expect(matchesLink(compiled.links![0]!, click!.u!)).toBe(true);
    expect(compiled.links![0]!.label).toBe("Shop");
  });

  it("leaves alone what it cannot track safely, and numbers links the same way every time", () => {
    const mjml = `<mjml><mj-head><mj-font name="X" href="https://fonts.example.com/x.css" /></mj-head><mj-body>
      <mj-text><a href="mailto:help@shop.test">Mail</a> <a href="#top">Top</a>
      <a href="https://{{ customer.attributes.domain }}/x">Own host</a> <a href="https://shop.test/{% if x %}a{% endif %}">Block</a>
      <a href='https://shop.test/one'>One</a></mj-text>
      <mj-button href="https://shop.test/two?a=1&amp;b=2">Two</mj-button><mj-image src="https://cdn.test/i.png" href="https://shop.test/three" alt="Three" />
    </mj-body></mjml>`;
    const { mjml: tracked, links } = addTracking(mjml, { baseUrl: `${base}/`, campaignId: "cmp_1" });
    expect(links).toEqual([
      { index: 0, url: "https://shop.test/one", label: "One" },
      { index: 1, url: "https://shop.test/two?a=1&b=2", label: "Two" },
      { index: 2, url: "https://shop.test/three", label: "Three" },
    ]);
    expect(trackedLinks(mjml)).toEqual(links);
    for (const kept of ["https://fonts.example.com/x.css", "mailto:help@shop.test", "#top", "https://{{ customer.attributes.domain }}/x"])
      expect(tracked).toContain(kept);
    expect(tracked).toContain(`href='${base}/api/email/click/{{ customer.id | click_token: "cmp_1", 0 }}'`);
    expect(tracked.split("\n").length).toBe(mjml.split("\n").length);
  });

  it("refuses a carried address that does not fit the link (another host, other fixed text)", () => {
    const link = { index: 0, url: "https://shop.example.com/p/{{ x }}?cid={{ y }}", label: "" };
    expect(matchesLink(link, "https://shop.example.com/p/abc?cid=4")).toBe(true);
    for (const bad of [
      "https://evil.example/p/abc?cid=4",
      "https://shop.example.com.evil.example/p/abc?cid=4",
      "https://shop.example.com@evil.example/p/?cid=",
      "https://shop.example.com/q/abc?cid=4",
      "javascript:alert(1)",
    ])
      expect(matchesLink(link, bad), bad).toBe(false);
    expect(matchesLink({ index: 1, url: "https://a.test/x", label: "" }, "https://a.test/y")).toBe(false);
  });
});
