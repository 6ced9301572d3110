import type { Template } from "liquidjs";
import { checkFooter } from "./check-footer";
import { checkPlacement, checkTagsSurvived } from "./check-placement";
import { checkVariables } from "./check-variables";
import { compileMjml } from "./compile-mjml";
import { accelerateOutputs } from "./fast-outputs";
import { htmlToText } from "./html-text";
import { liquidDiagnostic } from "./liquid-diagnostic";
import { liquidEngine } from "./liquid-engine";
import { preheaderMarker, withPreheaderMarker } from "./preheader";
import { scanMjml } from "./scan-mjml";
import type { CompileMode, TemplateDiagnostic, TemplateDraft } from "./types";
import type { FilterSettings } from "./filters";

export interface TemplateSettings extends FilterSettings {
  postalAddress: string;
}

/** A template ready to render for any number of recipients. */
export interface CompiledTemplate {
  mode: CompileMode;
  settings: TemplateSettings;
  diagnostics: TemplateDiagnostic[];
  /** False when any diagnostic is an error: such a template cannot be rendered. */
  ok: boolean;
  subject: Template[];
  preheader: Template[];
  /** compile-once: the compiled HTML (Liquid tags in place) and its plain text, parsed. */
  html?: Template[];
  text?: Template[];
  /** The MJML source, parsed (per-recipient rendering, and the reference path of compile-once). */
  mjml: Template[];
  /** compile-once: the compiled HTML as a string (for inspection and the equivalence test). */
  compiledHtml?: string;
  /**
   * compile-once: block tags sit between Outlook conditional comments that MJML would have merged
   * had the tags rendered to nothing; the renderer merges them after Liquid, as MJML does.
   */
  mergeOutlook?: boolean;
}

/**
 * Validates and prepares a template: Liquid syntax and variables of subject, preheader and body;
 * MJML nesting and validation; footer; and the compile-once rules. A template within the rules is
 * compiled with MJML once here; otherwise it is compiled per recipient (docs/decisions/070).
 */
export async function compileTemplate(draft: TemplateDraft, settings: TemplateSettings): Promise<CompiledTemplate> {
  const html = liquidEngine(settings, "html");
  const text = liquidEngine(settings, "text");
  const diagnostics: TemplateDiagnostic[] = [];

  const parse = (source: string, field: "subject" | "preheader" | "body", mode: "html" | "text"): Template[] => {
    const engine = mode === "html" ? html : text;
    try {
      const templates = engine.parse(source);
      diagnostics.push(...checkVariables(engine, templates, source, field));
      return templates;
    } catch (e) {
      diagnostics.push(liquidDiagnostic(e, field));
      return [];
    }
  };
  const subject = parse(oneLine(draft.subject), "subject", "text");
  const preheader = parse(oneLine(draft.preheader), "preheader", "text");
  const mjml = parse(draft.mjml, "body", "html");
  if (draft.subject.trim() === "") diagnostics.push({ severity: "error", source: "liquid", field: "subject", line: 1, message: "The subject line is empty: write one (it may use Liquid, e.g. {{ customer.first_name | default: \"Hello\" }})." });

  const scan = scanMjml(draft.mjml);
  for (const p of scan.problems) diagnostics.push({ severity: "error", source: "mjml", field: "body", line: p.line, column: p.column, message: p.message });
  const placement = checkPlacement(draft.mjml, scan);
  diagnostics.push(...checkFooter(draft.mjml, settings.postalAddress));

  const compiled = await compileMjml(draft.mjml);
  // MJML complaints about Liquid in attributes are placement warnings already (rendered values are checked per recipient).
  diagnostics.push(...compiled.diagnostics.filter((d) => !/\{\{|\{%/.test(d.message)));
  const survived = placement.length === 0 && compiled.html ? checkTagsSurvived(draft.mjml, compiled.html) : [];
  const mode: CompileMode = placement.length === 0 && survived.length === 0 ? "compile-once" : "per-recipient";
  diagnostics.push(...placement, ...survived);
  diagnostics.sort((a, b) => fieldOrder[a.field] - fieldOrder[b.field] || a.line - b.line || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const ok = !diagnostics.some((d) => d.severity === "error");

  const result: CompiledTemplate = { mode, settings, diagnostics, ok, subject, preheader, mjml };
  if (!ok) return result;
  if (mode === "per-recipient") return result;
  const htmlSource = withPreheaderMarker(compiled.html);
  try {
    return {
      ...result,
      compiledHtml: htmlSource,
      mergeOutlook: /<!\[endif]-->\s*(\{%[\s\S]*?%\}\s*)+<!--\[if mso \| IE]>/.test(htmlSource),
      html: accelerateOutputs(html.parse(htmlSource)),
      text: accelerateOutputs(text.parse(htmlToText(htmlSource.replace(preheaderMarker, "")))),
    };
  } catch {
    // Compiling produced Liquid that no longer parses: render per recipient instead.
    return { ...result, mode: "per-recipient" };
  }
}

const fieldOrder = { subject: 0, preheader: 1, body: 2 } as const;

/** Subject and preheader are single lines: newlines become spaces. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, " ");
}
