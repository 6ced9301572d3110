import { cn } from "@/components/ui/cn";
import type { VersionComparison } from "@/lib/templates/compare-template-versions";

const lineTone = { same: "text-slate-600", added: "bg-emerald-50 text-emerald-900", removed: "bg-rose-50 text-rose-900" } as const;
const marker = { same: " ", added: "+", removed: "−" } as const;

/** Subject and preheader old → new when they changed, and the body as a line diff with both line numbers. */
export function VersionDiff({ comparison }: { comparison: VersionComparison }) {
  const { subject, preheader, lines, added, removed } = comparison;
  return (
    <div className="space-y-4">
      {(["subject", "preheader"] as const).map((field) => {
        const f = field === "subject" ? subject : preheader;
        return (
          <div key={field} className="text-sm">
            <p className="font-medium text-slate-800 capitalize">{field}</p>
            {f.changed ? (
              <div className="mt-1 space-y-0.5 font-mono text-xs">
                <p className="rounded bg-rose-50 px-2 py-0.5 text-rose-900">− {f.a || "(empty)"}</p>
                <p className="rounded bg-emerald-50 px-2 py-0.5 text-emerald-900">+ {f.b || "(empty)"}</p>
              </div>
            ) : (
              <p className="mt-1 text-xs text-slate-500">
                Unchanged: <span className="font-mono">{f.b || "(empty)"}</span>
              </p>
            )}
          </div>
        );
      })}
      <div>
        <p className="text-sm font-medium text-slate-800">
          Body{" "}
          <span className="font-normal text-slate-500">
            ({added} line{added === 1 ? "" : "s"} added, {removed} removed)
          </span>
        </p>
        {added + removed === 0 ? (
          <p className="mt-1 text-xs text-slate-500">The bodies are identical.</p>
        ) : (
          <div className="mt-1 max-h-[40rem] overflow-auto rounded-md ring-1 ring-slate-200">
            <table className="w-full font-mono text-xs" aria-label="Body changes">
              <tbody>
                {lines.map((l, i) => (
                  <tr key={i} className={lineTone[l.kind]} data-kind={l.kind}>
                    <td className="w-10 px-2 text-right text-slate-600 select-none">{l.aLine ?? ""}</td>
                    <td className="w-10 px-2 text-right text-slate-600 select-none">{l.bLine ?? ""}</td>
                    <td className="w-4 select-none">{marker[l.kind]}</td>
                    <td className={cn("pr-2 break-all whitespace-pre-wrap")}>{l.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
