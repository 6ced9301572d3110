import type { ReactNode } from "react";

/** The first rows of an uploaded file under its header, each header cell drawn by `headerCell` (a name, or a mapping select). */
export function PreviewTable({
  label,
  header,
  rows,
  headerCell,
}: {
  label: string;
  header: string[];
  rows: string[][];
  headerCell: (column: string) => ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="min-w-full text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>{header.map(headerCell)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((v, j) => (
                <td key={j} className="max-w-56 truncate px-3 py-1.5 text-slate-700" title={v}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
