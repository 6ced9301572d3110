import { scanLiquidTags } from "./liquid-tags";
import type { TemplateDiagnostic } from "./types";

/**
 * Every marketing email must carry the organisation's postal address and the unsubscribe link:
 * warn when the body uses neither `{{ unsubscribe_url }}` (in a link) nor the postal address.
 */
export function checkFooter(mjml: string, postalAddress: string): TemplateDiagnostic[] {
  const outputs = scanLiquidTags(mjml).filter((t) => t.kind === "output");
  const uses = (name: string) => outputs.some((t) => new RegExp(`^${name.replace(".", "\\.")}(\\s*\\||$)`).test(t.args));
  const lastLine = mjml.split("\n").length;
  const diagnostics: TemplateDiagnostic[] = [];
  if (!uses("unsubscribe_url")) {
    diagnostics.push({
      severity: "warning",
      source: "footer",
      field: "body",
      line: lastLine,
      message:
        'The template has no unsubscribe link: add <a href="{{ unsubscribe_url }}">Unsubscribe</a> to the footer (required in every marketing email).',
    });
  }
  const literalAddress = postalAddress.trim() !== "" && mjml.includes(postalAddress.trim());
  if (!uses("organisation.postal_address") && !literalAddress) {
    diagnostics.push({
      severity: "warning",
      source: "footer",
      field: "body",
      line: lastLine,
      message:
        "The template has no postal address: add {{ organisation.postal_address }} to the footer (required in every marketing email; set it in Settings).",
    });
  }
  return diagnostics;
}
