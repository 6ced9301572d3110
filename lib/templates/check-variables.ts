import type { Liquid, Template } from "liquidjs";
import { elementPath, isKnownPath } from "./context-schema";
import { scanLiquidTags } from "./liquid-tags";
import type { TemplateDiagnostic, TemplateField } from "./types";

type Segment = string | number | { segments: unknown[] };

/**
 * Variables a template uses that the personalization context does not have (typos, guesses):
 * flagged while editing, with their line. Loop variables are checked against the element of the
 * array they loop over; variables the template assigns itself are accepted.
 */
export function checkVariables(engine: Liquid, templates: Template[], source: string, field: TemplateField): TemplateDiagnostic[] {
  const analysis = engine.analyzeSync(templates, { partials: false });
  const aliases = new Map<string, string>();
  for (const tag of scanLiquidTags(source)) {
    const m = tag.name === "for" || tag.name === "tablerow" ? /^(\w+)\s+in\s+([\w.]+)/.exec(tag.args) : null;
    if (m) {
      const element =
        elementPath(m[2]!) ??
        (aliases.get(m[2]!.split(".")[0]!) ? `${aliases.get(m[2]!.split(".")[0]!)}.${m[2]!.split(".").slice(1).join(".")}[]` : null);
      if (element) aliases.set(m[1]!, element);
    }
  }
  const locals = new Set(Object.keys(analysis.locals));
  const diagnostics: TemplateDiagnostic[] = [];
  const seen = new Set<string>();
  for (const [root, uses] of Object.entries(analysis.variables)) {
    if (root === "forloop" || root === "tablerowloop" || locals.has(root)) continue;
    for (const v of uses) {
      const segments = flatten(v.segments as Segment[]);
      const alias = aliases.get(root);
      let known: boolean;
      if (alias) {
        known = isKnownPath([
          ...alias
            .replace(/\[\]/g, ".0")
            .split(".")
            .map((s) => (s === "0" ? 0 : s)),
          ...segments.slice(1),
        ]);
      } else if (Object.prototype.hasOwnProperty.call(analysis.globals, root)) {
        known = isKnownPath(segments);
      } else {
        continue; // a loop variable of a loop we could not map: checked at render time
      }
      const name = v.toString();
      const key = `${name}@${v.location.row}`;
      if (known || seen.has(key)) continue;
      seen.add(key);
      diagnostics.push({
        severity: "error",
        source: "variable",
        field,
        line: v.location.row,
        column: v.location.col,
        message: `Unknown variable ${name}: it is not in the personalization context (see the variables panel for what exists).`,
      });
    }
  }
  return diagnostics;
}

/** Variable segments with nested variables (a[b]) replaced by index 0 (any element). */
function flatten(segments: Segment[]): (string | number)[] {
  return segments.map((s) => (typeof s === "object" ? 0 : s));
}
