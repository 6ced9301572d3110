import { scanLiquidTags, type LiquidTag } from "./liquid-tags";
import { elementAt, endingTags, type MjmlScan } from "./scan-mjml";
import type { TemplateDiagnostic } from "./types";

/** Attributes MJML copies into the HTML untouched: output tags may go there. */
export const liquidAttributes = new Set(["href", "src", "alt", "title"]);

const blockOpeners = new Set(["if", "unless", "case", "for", "capture", "tablerow"]);
const blockMiddles = new Set(["else", "elsif", "when"]);

/**
 * The compile-once rules (docs/decisions/070): where Liquid may sit in MJML so that compiling the
 * MJML once with the tags in place and rendering Liquid per recipient gives the same email as
 * rendering Liquid first and compiling per recipient. Every break is reported as a warning at its
 * line; a template with any falls back to per-recipient compilation.
 *  1. Output tags `{{ }}` in content of elements MJML passes through (mj-text, mj-button, mj-raw,
 *     mj-table, …) or in the href, src, alt and title attributes; no Liquid in any other attribute
 *     (MJML computes layout from them) and none in mj-style.
 *  2. Block tags `{% %}` in that same content, or alone in mj-raw elements around whole sections,
 *     columns or elements: a block opens and closes in the same element's content, or in two
 *     mj-raw elements that are siblings.
 */
export function checkPlacement(source: string, scan: MjmlScan): TemplateDiagnostic[] {
  const diagnostics: TemplateDiagnostic[] = [];
  const warn = (tag: Pick<LiquidTag, "line" | "column">, message: string) =>
    diagnostics.push({ severity: "warning", source: "placement", field: "body", line: tag.line, column: tag.column, message });

  for (const element of scan.elements) {
    for (const attribute of element.attributes) {
      const tags = scanLiquidTags(attribute.value);
      if (tags.length === 0) continue;
      if (tags.some((t) => t.kind === "block")) {
        warn(
          attribute,
          `Block tag in the ${attribute.name} attribute of <${element.tag}>: MJML cannot compile it once for everyone. Put {% if %} around whole elements in <mj-raw>, or use an output tag with | default.`,
        );
      } else if (!liquidAttributes.has(attribute.name)) {
        warn(
          attribute,
          `Liquid in the ${attribute.name} attribute of <${element.tag}>: MJML computes the layout from it, so it is compiled per recipient. Only href, src, alt and title may hold {{ }}.`,
        );
      } else if (element.tag === "mj-image" && attribute.name === "src" && /"/.test(attribute.value)) {
        warn(attribute, `Double quotes inside the ${attribute.name} attribute: use single quotes in Liquid strings there.`);
      }
    }
  }

  const tags = scanLiquidTags(source).filter((t) => !insideStartTag(scan, t.index));
  const stack: { tag: LiquidTag; container: number; raw: boolean }[] = [];
  for (const tag of tags) {
    const at = elementAt(scan, tag.index);
    const element = at === -1 ? undefined : scan.elements[at];
    if (!element || !endingTags.has(element.tag) || element.tag === "mj-style") {
      const where = element ? `<${element.tag}>` : "the document";
      warn(
        tag,
        `${tag.text} sits directly in ${where}, where MJML does not keep text. Put it inside <mj-raw> (block tags around whole sections) or inside <mj-text>.`,
      );
      continue;
    }
    if (tag.kind !== "block") continue;
    const raw = element.tag === "mj-raw";
    // Blocks in mj-raw may span siblings of that mj-raw: their container is the mj-raw's parent.
    const container = raw ? element.parent : at;
    if (blockOpeners.has(tag.name)) {
      stack.push({ tag, container, raw });
    } else if (blockMiddles.has(tag.name) || tag.name.startsWith("end")) {
      const open = stack[stack.length - 1];
      if (!open) continue; // Liquid's own parser reports the unmatched tag.
      const sameRawParent = open.raw && raw && open.container === container;
      const sameElement = !open.raw && !raw && open.container === container;
      if (!sameRawParent && !sameElement) {
        warn(
          tag,
          `${tag.text} closes or continues ${open.tag.text} (line ${open.tag.line}) in a different element: a block must open and close in the same element, or in sibling <mj-raw> elements around whole sections.`,
        );
      }
      if (tag.name.startsWith("end")) stack.pop();
    }
  }
  return diagnostics;
}

function insideStartTag(scan: MjmlScan, index: number): boolean {
  return scan.elements.some((e) => e.start <= index && index < e.contentStart);
}

/**
 * Tags that compiling changed or dropped: every Liquid tag of the source must appear, in order and
 * unchanged, in the compiled HTML. A last guard behind the rules above.
 */
export function checkTagsSurvived(source: string, html: string): TemplateDiagnostic[] {
  const before = scanLiquidTags(source);
  const after = scanLiquidTags(html).map((t) => t.text);
  const diagnostics: TemplateDiagnostic[] = [];
  let j = 0;
  for (const tag of before) {
    const found = after.indexOf(tag.text, j);
    if (found === -1) {
      diagnostics.push({
        severity: "warning",
        source: "placement",
        field: "body",
        line: tag.line,
        column: tag.column,
        message: `MJML dropped or changed ${tag.text} when compiling: it is compiled per recipient. Move it inside <mj-text> or <mj-raw>.`,
      });
    } else {
      j = found + 1;
    }
  }
  return diagnostics;
}
