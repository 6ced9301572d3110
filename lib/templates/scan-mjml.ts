import { lineStartsOf, position } from "./liquid-tags";

export interface MjmlElement {
  tag: string;
  attributes: { name: string; value: string; line: number; column: number }[];
  line: number;
  column: number;
  /** Index of the parent element in the list, -1 for the root. */
  parent: number;
  /** Source offset of the start tag's "<". */
  start: number;
  /** Source offsets of the element's content (between its start and end tags). */
  contentStart: number;
  contentEnd: number;
}

export interface MjmlScan {
  elements: MjmlElement[];
  /** Nesting errors (unclosed or mismatched mj-* tags), with their line. */
  problems: { line: number; column: number; message: string }[];
}

/** Elements whose content MJML passes through as HTML (it does not parse mj-* inside them). */
export const endingTags = new Set([
  "mj-text",
  "mj-button",
  "mj-raw",
  "mj-table",
  "mj-navbar-link",
  "mj-social-element",
  "mj-accordion-title",
  "mj-accordion-text",
  "mj-carousel-image",
  "mj-title",
  "mj-preview",
  "mj-style",
]);

const tokenPattern = /<!--[\s\S]*?-->|<(\/?)(mj-[a-z-]+|mjml)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g;
const attributePattern = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/**
 * A light scan of an MJML document's mj-* elements (no MJML parsing): their nesting, attributes
 * and the source range of their content. MJML's own parser forgives unclosed or mismatched tags
 * silently; this scan reports them with their line.
 */
export function scanMjml(source: string): MjmlScan {
  const lineStarts = lineStartsOf(source);
  const elements: MjmlElement[] = [];
  const problems: MjmlScan["problems"] = [];
  const stack: number[] = [];
  for (const m of source.matchAll(tokenPattern)) {
    if (m[0].startsWith("<!--")) continue;
    const [, closing, tag, attrs = "", selfClosing] = m;
    const open = stack.length ? elements[stack[stack.length - 1]!]! : undefined;
    // Inside an ending tag's content only its own end tag counts.
    if (open && endingTags.has(open.tag) && !(closing && tag === open.tag)) continue;
    const pos = position(lineStarts, m.index);
    if (closing) {
      const at = findOpen(elements, stack, tag!);
      if (at === -1) {
        problems.push({ ...pos, message: `</${tag}> closes nothing: there is no open <${tag}> here.` });
        continue;
      }
      while (stack.length - 1 > at) {
        const unclosed = elements[stack.pop()!]!;
        problems.push({
          line: unclosed.line,
          column: unclosed.column,
          message: `<${unclosed.tag}> (line ${unclosed.line}) is not closed before </${tag}> on line ${pos.line}.`,
        });
      }
      elements[stack.pop()!]!.contentEnd = m.index;
      continue;
    }
    const attributes: MjmlElement["attributes"] = [];
    const attrsOffset = m.index + 1 + tag!.length;
    for (const a of attrs.matchAll(attributePattern)) {
      attributes.push({ name: a[1]!, value: a[2] ?? a[3] ?? a[4] ?? "", ...position(lineStarts, attrsOffset + a.index) });
    }
    const end = m.index + m[0].length;
    elements.push({
      tag: tag!,
      attributes,
      ...pos,
      parent: stack.length ? stack[stack.length - 1]! : -1,
      start: m.index,
      contentStart: end,
      contentEnd: end,
    });
    if (!selfClosing) stack.push(elements.length - 1);
  }
  for (const i of stack) {
    const e = elements[i]!;
    problems.push({ line: e.line, column: e.column, message: `<${e.tag}> (line ${e.line}) is never closed.` });
  }
  return { elements, problems };
}

function findOpen(elements: MjmlElement[], stack: number[], tag: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (elements[stack[i]!]!.tag === tag) return i;
  return -1;
}

/** The innermost element whose content contains `index`, or -1. */
export function elementAt(scan: MjmlScan, index: number): number {
  let found = -1;
  scan.elements.forEach((e, i) => {
    if (e.contentStart <= index && index < e.contentEnd) found = i;
  });
  return found;
}
