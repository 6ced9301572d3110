import { scanLiquidTags } from "./liquid-tags";
import type { TemplateDiagnostic } from "./types";

/** The warning when Settings has no postal address (sending and making a version current refuse it as an error). */
export const EMPTY_POSTAL_ADDRESS =
  "The organisation's postal address is not set, so the footer shows none: set it in Settings → Postal address (every marketing email must carry it; Tailor will not send without it).";

/**
 * Every marketing email must carry the organisation's postal address and the unsubscribe link:
 * warn when the body uses neither `{{ unsubscribe_url }}` (in a link) nor the postal address, and
 * when the postal address setting is empty (the footer would then print nothing).
 */
export function checkFooter(mjml: string, postalAddress: string): TemplateDiagnostic[] {
  const outputs = scanLiquidTags(mjml).filter((t) => t.kind === "output");
  const uses = (name: string) => outputs.some((t) => new RegExp(`^${name.replace(".", "\\.")}(\\s*\\||$)`).test(t.args));
  const lastLine = mjml.split("\n").length;
  const diagnostics: TemplateDiagnostic[] = [];
  // Every footer warning points at the body's last line, where the footer goes.
  const warn = (message: string) => diagnostics.push({ severity: "warning", source: "footer", field: "body", line: lastLine, message });
  if (!uses("unsubscribe_url")) {
    warn(
      'The template has no unsubscribe link: add <a href="{{ unsubscribe_url }}">Unsubscribe</a> to the footer (required in every marketing email).',
    );
  }
  const literalAddress = postalAddress.trim() !== "" && mjml.includes(postalAddress.trim());
  if (postalAddress.trim() === "") {
    // {{ organisation.postal_address }} would print nothing: the setting itself is missing.
    warn(EMPTY_POSTAL_ADDRESS);
  } else if (!uses("organisation.postal_address") && !literalAddress) {
    warn(
      "The template has no postal address: add {{ organisation.postal_address }} to the footer (required in every marketing email; set it in Settings).",
    );
  }
  return diagnostics;
}
