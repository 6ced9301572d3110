import mjml2html from "mjml";
import type { TemplateDiagnostic } from "./types";

/**
 * MJML → HTML. Validation problems come back as diagnostics with their line (soft validation: the
 * HTML is still produced). mj-include is ignored: a template cannot read the server's files.
 */
export async function compileMjml(source: string): Promise<{ html: string; diagnostics: TemplateDiagnostic[] }> {
  if (!/<mjml[\s>]/.test(source)) {
    return {
      html: "",
      diagnostics: [
        {
          severity: "error",
          source: "mjml",
          field: "body",
          line: 1,
          message: "The body must be an MJML document: <mjml><mj-body>…</mj-body></mjml>.",
        },
      ],
    };
  }
  try {
    const result = await mjml2html(source, { validationLevel: "soft", ignoreIncludes: true, keepComments: true });
    const diagnostics: TemplateDiagnostic[] = result.errors.map((e) => ({
      severity: "error",
      source: "mjml",
      field: "body",
      line: e.line ?? 1,
      message: e.message,
    }));
    return { html: result.html, diagnostics };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = Number(/line (\d+)/i.exec(message)?.[1] ?? 1);
    return { html: "", diagnostics: [{ severity: "error", source: "mjml", field: "body", line, message }] };
  }
}
