import { scanLiquidTags } from "./liquid-tags";

/** Where a derived text template would not give html-to-text's result, and which tag is to blame. */
export interface TextTemplateProblem {
  /** The Liquid tag (or link) as written in the compiled HTML, to find it in the source. */
  tag: string;
  message: string;
}

const linkPattern = /<a\b[^>]*?\bhref=(?:"([^"]*)"|'([^']*)')/gi;

/**
 * The plain-text rules (docs/decisions/076). The text of a compile-once template is derived once:
 * html-to-text runs on the compiled HTML with its Liquid tags in place, and only the text engine
 * (no escaping) runs per recipient. That gives html-to-text's text of the recipient's HTML when:
 *  1. every block tag of the HTML's body comes through in the same order, unchanged (none inside
 *     an element html-to-text drops, such as an image's alt; no entity inside a tag, which
 *     html-to-text would decode);
 *  2. every output tag of the text was in the HTML as written (same reason);
 *  3. no output is `| raw` (html-to-text would turn the markup of the value into text, the text
 *     engine prints it as it is);
 *  4. a link whose href holds Liquid starts with literal text other than `#` (https://, mailto:, …)
 *     or is `{{ unsubscribe_url }}` (always an absolute URL): html-to-text strips a leading `mailto:`
 *     and hides `#` anchors, decisions it would otherwise take on each recipient's values. (It
 *     shows every link's address, also when the text is the address: see html-text.ts.)
 * Returns the breaks; with any, the text is made per recipient from the rendered HTML.
 */
export function checkTextTemplate(html: string, text: string): TextTemplateProblem[] {
  const problems: TextTemplateProblem[] = [];
  const bodyAt = html.search(/<body[\s>]/i);
  const body = bodyAt === -1 ? html : html.slice(bodyAt);
  const htmlTags = scanLiquidTags(body);
  const textTags = scanLiquidTags(text);

  const htmlBlocks = htmlTags.filter((t) => t.kind === "block");
  const textBlocks = textTags.filter((t) => t.kind === "block");
  const lost =
    htmlBlocks.find((t, i) => textBlocks[i]?.text !== t.text) ??
    (textBlocks.length > htmlBlocks.length ? textBlocks[htmlBlocks.length] : undefined);
  if (lost)
    problems.push({
      tag: lost.text,
      message: `${lost.text} does not come through to the plain text unchanged (is it inside an image's alt, or does it hold an HTML entity?)`,
    });

  const htmlOutputs = new Set(htmlTags.filter((t) => t.kind === "output").map((t) => t.text));
  const changed = textTags.find((t) => t.kind === "output" && !htmlOutputs.has(t.text));
  if (changed) {
    // Blame the tag as written in the HTML (an output that did not come through as it was), to find its line.
    const textOutputs = new Set(textTags.filter((t) => t.kind === "output").map((t) => t.text));
    const written = htmlTags.find((t) => t.kind === "output" && !textOutputs.has(t.text) && t.text.includes("&"))?.text ?? changed.text;
    problems.push({ tag: written, message: `${written} changes on its way to the plain text (an HTML entity inside the tag?)` });
  }

  const raw = htmlTags.find((t) => t.kind === "output" && /\|\s*raw\b/.test(t.args));
  if (raw)
    problems.push({ tag: raw.text, message: `${raw.text} prints markup unescaped: the plain text must strip it for each recipient` });

  for (const m of body.matchAll(linkPattern)) {
    const href = (m[1] ?? m[2]!).trim();
    if (!/\{\{|\{%/.test(href) || href === "{{ unsubscribe_url }}") continue;
    if (/^(\{\{|\{%|#)/.test(href)) {
      problems.push({
        tag: href,
        message: `The link to ${href} starts with Liquid or #: html-to-text would treat each recipient's address differently (mailto: stripped, # anchors hidden); start it with https://, http:// or mailto:`,
      });
    }
  }
  return problems;
}
