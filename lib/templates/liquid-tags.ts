/** A Liquid tag found in a template's source by a plain scan (no parsing): `{{ … }}` or `{% … %}`. */
export interface LiquidTag {
  kind: "output" | "block";
  /** The tag as written, delimiters included. */
  text: string;
  /** For block tags: the tag name ("if", "endfor", …). */
  name: string;
  /** For block tags: what follows the name ("customer.first_name", "o in customer.orders"). */
  args: string;
  index: number;
  line: number;
  column: number;
}

const tagPattern = /\{\{-?[\s\S]*?-?\}\}|\{%-?[\s\S]*?-?%\}/g;

/** Every Liquid tag of `source` in order, with 1-based line and column. */
export function scanLiquidTags(source: string): LiquidTag[] {
  const tags: LiquidTag[] = [];
  const lineStarts = lineStartsOf(source);
  for (const m of source.matchAll(tagPattern)) {
    const text = m[0];
    const index = m.index;
    const { line, column } = position(lineStarts, index);
    if (text.startsWith("{{")) {
      tags.push({ kind: "output", text, name: "", args: text.replace(/^\{\{-?|-?\}\}$/g, "").trim(), index, line, column });
    } else {
      const inner = text.replace(/^\{%-?|-?%\}$/g, "").trim();
      const name = /^[a-z_]+/i.exec(inner)?.[0] ?? "";
      tags.push({ kind: "block", text, name, args: inner.slice(name.length).trim(), index, line, column });
    }
  }
  return tags;
}

export function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a character offset. */
export function position(lineStarts: number[], index: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: index - lineStarts[lo]! + 1 };
}
