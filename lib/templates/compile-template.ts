import type { Template } from "liquidjs";
import { checkFooter } from "./check-footer";
import { checkTextTemplate, type TextTemplateProblem } from "./check-text-template";
import { checkPlacement, checkTagsSurvived } from "./check-placement";
import { checkVariables } from "./check-variables";
import { compileMjml } from "./compile-mjml";
import { contextUses, type ContextUses } from "./context-uses";
import { addTracking, type TrackedLink } from "../email-tracking/add-tracking";
import { accelerateOutputs } from "./fast-outputs";
import { htmlToText } from "./html-text";
import { liquidDiagnostic } from "./liquid-diagnostic";
import { liquidEngine } from "./liquid-engine";
import { scanLiquidTags } from "./liquid-tags";
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
  /** compile-once: the compiled HTML (Liquid tags in place) and, when textMode is compile-once, its plain text, parsed. */
  html?: Template[];
  text?: Template[];
  /**
   * compile-once: "compile-once" when the plain text is a Liquid template derived once from the
   * compiled HTML (check-text-template.ts), "per-recipient" when it is made from each recipient's HTML.
   */
  textMode?: CompileMode;
  /** The MJML source, parsed (per-recipient rendering, and the reference path of compile-once). */
  mjml: Template[];
  /** compile-once: the compiled HTML as a string (for inspection and the equivalence test). */
  compiledHtml?: string;
  /**
   * compile-once: block tags sit between Outlook conditional comments that MJML would have merged
   * had the tags rendered to nothing; the renderer merges them after Liquid, as MJML does.
   */
  mergeOutlook?: boolean;
  /** Compiled with `tracking`: the links rewritten through the installation, by number. */
  links?: TrackedLink[];
  /** What of the personalization context the template reads (subject, preheader and body). */
  uses: ContextUses;
}

export interface CompileOptions {
  /**
   * A campaign's email: an open pixel and links through this installation's address, with tokens
   * signed for the campaign and each recipient's customer.id (lib/email-tracking, docs/decisions/095).
   */
  tracking?: { baseUrl: string; campaignId: string };
}

/**
 * Validates and prepares a template: Liquid syntax and variables of subject, preheader and body;
 * MJML nesting and validation; footer; and the compile-once rules. A template within the rules is
 * compiled with MJML once here; otherwise it is compiled per recipient (docs/decisions/070).
 */
export async function compileTemplate(
  input: TemplateDraft,
  settings: TemplateSettings,
  options: CompileOptions = {},
): Promise<CompiledTemplate> {
  const tracked = options.tracking ? addTracking(input.mjml, options.tracking) : null;
  const draft = tracked ? { ...input, mjml: tracked.mjml } : input;
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
  if (draft.subject.trim() === "")
    diagnostics.push({
      severity: "error",
      source: "liquid",
      field: "subject",
      line: 1,
      message: 'The subject line is empty: write one (it may use Liquid, e.g. {{ customer.first_name | default: "Hello" }}).',
    });

  const scan = scanMjml(draft.mjml);
  for (const p of scan.problems)
    diagnostics.push({ severity: "error", source: "mjml", field: "body", line: p.line, column: p.column, message: p.message });
  const placement = checkPlacement(draft.mjml, scan);
  diagnostics.push(...checkFooter(draft.mjml, settings.postalAddress));

  const compiled = await compileMjml(draft.mjml);
  // MJML complaints about Liquid in attributes are placement warnings already (rendered values are checked per recipient).
  diagnostics.push(...compiled.diagnostics.filter((d) => !/\{\{|\{%/.test(d.message)));
  const survived = placement.length === 0 && compiled.html ? checkTagsSurvived(draft.mjml, compiled.html) : [];
  const mode: CompileMode = placement.length === 0 && survived.length === 0 ? "compile-once" : "per-recipient";
  diagnostics.push(...placement, ...survived);
  diagnostics.sort(
    (a, b) =>
      fieldOrder[a.field] - fieldOrder[b.field] || a.line - b.line || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1),
  );
  const ok = !diagnostics.some((d) => d.severity === "error");

  const result: CompiledTemplate = {
    mode,
    settings,
    diagnostics,
    ok,
    subject: accelerateOutputs(subject),
    preheader: accelerateOutputs(preheader),
    mjml,
    uses: contextUses(html, [subject, preheader, mjml]),
    ...(tracked ? { links: tracked.links } : {}),
  };
  if (!ok) return result;
  if (mode === "per-recipient") return result;
  const htmlSource = withPreheaderMarker(compiled.html);
  let parsedHtml: Template[];
  try {
    parsedHtml = accelerateOutputs(html.parse(htmlSource));
  } catch {
    // Compiling produced Liquid that no longer parses: render per recipient instead.
    return { ...result, mode: "per-recipient" };
  }
  const mergeOutlook = /<!\[endif]-->\s*(\{%[\s\S]*?%\}\s*)+<!--\[if mso \| IE]>/.test(htmlSource);
  const textSource = htmlToText(htmlSource.replace(preheaderMarker, ""));
  const textProblems = checkTextTemplate(htmlSource, textSource);
  let parsedText: Template[] | undefined;
  if (textProblems.length === 0) {
    try {
      parsedText = accelerateOutputs(text.parse(textSource));
    } catch {
      textProblems.push({ tag: "", message: "html-to-text split a Liquid block across the plain text" });
    }
  }
  // The plain text breaks a rule: HTML stays compile-once, the text is made from each recipient's HTML.
  for (const p of textProblems) diagnostics.push(textWarning(draft.mjml, p));
  return {
    ...result,
    compiledHtml: htmlSource,
    mergeOutlook,
    html: parsedHtml,
    text: parsedText,
    textMode: parsedText ? "compile-once" : "per-recipient",
  };
}

/** A plain-text rule break as a warning at the line of its tag in the MJML source (else line 1). */
function textWarning(mjml: string, problem: TextTemplateProblem): TemplateDiagnostic {
  const inSource = problem.tag ? (scanLiquidTags(mjml).find((t) => problem.tag.includes(t.text)) ?? null) : null;
  return {
    severity: "warning",
    source: "placement",
    field: "body",
    line: inSource?.line ?? 1,
    ...(inSource ? { column: inSource.column } : {}),
    message: `Plain text: ${problem.message}. The plain-text version is then made for each recipient (slower for large sends).`,
  };
}

const fieldOrder = { subject: 0, preheader: 1, body: 2 } as const;

/** Subject and preheader are single lines: newlines become spaces. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, " ");
}
