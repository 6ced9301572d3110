import type { TemplateDiagnostic } from "./types";

/**
 * What keeps a version from becoming the current one (and from being sent): any error (MJML,
 * Liquid, placement) and every footer problem — no unsubscribe link, no postal address, or an empty
 * postal address setting (a warning in the preview and the `render` CLI, which keep rendering).
 */
export function versionBlockers(diagnostics: TemplateDiagnostic[]): TemplateDiagnostic[] {
  return diagnostics.filter((d) => d.severity === "error" || d.source === "footer");
}

/** One line naming a blocker and where it is ("body, line 12: …"). */
export function describeBlocker(d: TemplateDiagnostic): string {
  return d.source === "footer" ? d.message : `${d.field}, line ${d.line}: ${d.message}`;
}
