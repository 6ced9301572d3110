/** A link of a campaign's template that Tailor tracks: its number (in the token) and where it goes. */
export interface TrackedLink {
  index: number;
  /** The address as written in the template (decoded HTML entities); may hold Liquid output tags. */
  url: string;
  /** The link's text (or an image's alt), for the report; "" when it has none. */
  label: string;
}

/** Where the open pixel and the click redirects live on the installation (app/api/email/…). */
export const openPath = "/api/email/open/";
export const clickPath = "/api/email/click/";

/** Where a tracked template finds the recipient: every personalization context has it. */
const recipient = "customer.id";

/** Elements whose href is a link a reader follows (mj-font and <link> hrefs are not). */
const linkTag = /<(a|mj-button|mj-image|mj-social-element|mj-navbar-link|mj-carousel-image)(\s[^>]*)>/gi;
const hrefAttribute = /(\shref\s*=\s*)(["'])(https?:\/\/(?:\{\{[^{}"'<>]*\}\}|[^"'<>\s{}])+)\2/i;

/**
 * Rewrites a template's MJML for a campaign, at compile time: every link with a literal http(s)
 * address becomes `<baseUrl>/api/email/click/{{ customer.id | click_token: "<campaign>", N }}` (the
 * token, signed per recipient and link, is filled in by the Liquid pass), and an open pixel
 * `<baseUrl>/api/email/open/{{ customer.id | open_token: "<campaign>" }}` is added at the end of the body. Links whose
 * address holds Liquid (`{{ unsubscribe_url }}`, per-recipient product links), mailto: and #
 * anchors are left as they are. No line is added or removed, so diagnostics keep their lines.
 * Deterministic: the same MJML always gives the same link numbers (the redirect relies on it).
 */
export function addTracking(mjml: string, options: { baseUrl: string; campaignId: string }): { mjml: string; links: TrackedLink[] } {
  const base = options.baseUrl.replace(/\/+$/, "");
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(options.campaignId)) throw new Error(`Invalid campaign id ${JSON.stringify(options.campaignId)}.`);
  // Inside the attribute, the campaign's id is quoted with the other quote mark than the attribute's.
  const campaign = (attributeQuote: string) => (attributeQuote === '"' ? `'${options.campaignId}'` : `"${options.campaignId}"`);
  const links: TrackedLink[] = [];
  let rewritten = mjml.replace(linkTag, (tag: string, name: string, attributes: string, offset: number) => {
    const href = hrefAttribute.exec(attributes);
    if (!href) return tag;
    const url = decodeEntities(href[3]!);
    const parts = urlParts(url);
    if (!parts) return tag;
    const index = links.length;
    links.push({ index, url, label: labelOf(name, attributes, mjml, offset + tag.length) });
    // A fixed address is found by its number; one that Liquid completes per recipient travels in
    // `u` (its fixed parts are checked at the redirect, see matchesLink).
    const destination =
      parts.length === 1
        ? ""
        : "?u=" + parts.map((p) => (p.liquid ? `{{ ${p.liquid} | url_encode }}` : encodeURIComponent(p.text))).join("");
    const tracked = `${base}${clickPath}{{ ${recipient} | click_token: ${campaign(href[2]!)}, ${index} }}${destination}`;
    return `<${name}${attributes.replace(hrefAttribute, `$1$2${tracked}$2`)}>`;
  });
  const end = rewritten.lastIndexOf("</mj-body>");
  if (end !== -1) {
    const pixel =
      `<mj-raw><img src="${base}${openPath}{{ ${recipient} | open_token: ${campaign('"')} }}" width="1" height="1" alt="" ` +
      `style="display:block;border:0;width:1px;height:1px;overflow:hidden" /></mj-raw>`;
    rewritten = rewritten.slice(0, end) + pixel + rewritten.slice(end);
  }
  return { mjml: rewritten, links };
}

interface UrlPart {
  text: string;
  /** The expression of an output tag (`product.sku | url_encode`), else absent. */
  liquid?: string;
}

/**
 * A link's address cut into literal text and output tags, or null when it cannot be tracked safely:
 * block tags (`{% %}`), or Liquid before the end of the host (the destination's host must be fixed
 * by the template, so that a link can never be turned into a redirect elsewhere).
 */
function urlParts(url: string): UrlPart[] | null {
  if (url.includes("{%")) return null;
  const parts: UrlPart[] = [];
  const tag = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
  let last = 0;
  for (let m = tag.exec(url); m; m = tag.exec(url)) {
    parts.push({ text: url.slice(last, m.index) });
    parts.push({ text: m[0], liquid: m[1]! });
    last = m.index + m[0].length;
  }
  parts.push({ text: url.slice(last) });
  if (parts.length > 1 && !/^https?:\/\/[^/?#{}]+[/?#]/i.test(parts[0]!.text)) return null;
  return parts;
}

/**
 * Whether an address a tracked link carries in `u` fits the link as written: the same literal
 * text, in order, with anything where the template had output tags. The host is always literal.
 */
export function matchesLink(link: TrackedLink, address: string): boolean {
  const parts = urlParts(link.url);
  if (!parts) return false;
  if (parts.length === 1) return address === link.url;
  const pattern = parts.map((p) => (p.liquid ? "[\\s\\S]*?" : p.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${pattern}$`).test(address);
}

/** The links addTracking numbers in a template, without rewriting it (the redirect's lookup). */
export function trackedLinks(mjml: string): TrackedLink[] {
  return addTracking(mjml, { baseUrl: "", campaignId: "x" }).links;
}

function labelOf(name: string, attributes: string, mjml: string, contentStart: number): string {
  const alt = /\salt\s*=\s*(["'])([^"']*)\1/i.exec(attributes);
  if (name.toLowerCase() === "mj-image") return alt ? decodeEntities(alt[2]!) : "";
  const close = mjml.toLowerCase().indexOf(`</${name.toLowerCase()}>`, contentStart);
  if (close === -1) return alt ? decodeEntities(alt[2]!) : "";
  const text = decodeEntities(
    mjml
      .slice(contentStart, close)
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );
  return (text || (alt ? decodeEntities(alt[2]!) : "")).slice(0, 200);
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e: string) => entities[e]!);
}
