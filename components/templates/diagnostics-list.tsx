import { Badge } from "@/components/ui/badge";
import type { TemplateDiagnostic, TemplateField } from "@/lib/templates/types";

const fieldLabel: Record<TemplateField, string> = { subject: "Subject", preheader: "Preheader", body: "Body" };
const sourceLabel: Record<TemplateDiagnostic["source"], string> = {
  mjml: "MJML",
  liquid: "Liquid",
  placement: "Placement",
  footer: "Footer",
  variable: "Variable",
};

/** Errors first, then warnings; each at its field and line. */
export function sortDiagnostics(list: TemplateDiagnostic[]): TemplateDiagnostic[] {
  const order = { error: 0, warning: 1 } as const;
  const fields = { subject: 0, preheader: 1, body: 2 } as const;
  return [...list].sort((a, b) => order[a.severity] - order[b.severity] || fields[a.field] - fields[b.field] || a.line - b.line);
}

/** The problems of the draft, as a list a marketer can act on (the editor also marks them at their line). */
export function DiagnosticsList({ diagnostics, checking }: { diagnostics: TemplateDiagnostic[]; checking: boolean }) {
  if (diagnostics.length === 0) {
    return (
      <p className="text-sm text-emerald-700" role="status" aria-label="Template check">
        {checking ? "Checking…" : "No problems found: the MJML is valid, every Liquid tag parses and the footer is there."}
      </p>
    );
  }
  return (
    <ul className="space-y-1.5" aria-label="Template problems">
      {sortDiagnostics(diagnostics).map((d, i) => (
        <li key={`${d.field}-${d.line}-${d.column ?? 0}-${i}`} className="flex items-start gap-2 text-sm" data-severity={d.severity}>
          <Badge tone={d.severity === "error" ? "danger" : "warning"}>{d.severity === "error" ? "Error" : "Warning"}</Badge>
          <span className="text-slate-800">
            <span className="font-medium">
              {fieldLabel[d.field]}, line {d.line}
              {d.column ? `:${d.column}` : ""} · {sourceLabel[d.source]}:
            </span>{" "}
            {d.message}
          </span>
        </li>
      ))}
    </ul>
  );
}
