import { Badge } from "@/components/ui/badge";
import type { BranchTrace, ContextVariable, TemplateDiagnostic } from "@/lib/templates/types";

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value === "" ? '""' : value;
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * Every personalization variable with its type and its value for the previewed customer, the
 * variables the template uses that do not exist (flagged), and which conditional branches fired.
 */
export function VariablesPanel({
  variables,
  branches,
  unknown,
}: {
  variables: ContextVariable[];
  branches: BranchTrace[];
  unknown: TemplateDiagnostic[];
}) {
  return (
    <div className="space-y-5">
      <section aria-label="Conditional branches">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Conditions for this customer</h3>
        {branches.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">
            The template has no conditional blocks ({"{% if %}"}, {"{% unless %}"}, {"{% case %}"}).
          </p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {branches.map((b, i) => (
              <li key={`${b.field}-${b.line}-${i}`} className="flex items-start gap-2" data-taken={b.taken}>
                <Badge tone={b.taken ? "success" : "neutral"}>{b.taken ? "Shown" : "Skipped"}</Badge>
                <code className="text-xs break-all text-slate-800">{b.condition}</code>
                <span className="ml-auto shrink-0 text-xs text-slate-500">
                  {b.field === "body" ? "" : `${b.field} `}line {b.line}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {unknown.length > 0 ? (
        <section aria-label="Unknown variables">
          <h3 className="text-xs font-semibold tracking-wide text-rose-600 uppercase">Unknown variables</h3>
          <ul className="mt-2 space-y-1 text-sm text-rose-700">
            {unknown.map((d, i) => (
              <li key={i}>
                {d.field}, line {d.line}: {d.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label="Personalization variables">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Variables</h3>
        <div className="mt-2 max-h-[28rem] overflow-auto">
          <table className="w-full table-fixed text-left text-xs">
            <thead className="text-slate-500">
              <tr>
                <th className="w-2/5 py-1 font-medium">Variable</th>
                <th className="w-1/5 py-1 font-medium">Type</th>
                <th className="py-1 font-medium">Value</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {variables.map((v) => (
                <tr key={v.path}>
                  <td className="py-1 pr-2 align-top font-mono break-all text-slate-800">{v.path}</td>
                  <td className="py-1 pr-2 align-top text-slate-500">{v.type}</td>
                  <td className="py-1 align-top break-all text-slate-700">{show(v.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
