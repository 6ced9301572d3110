import type { ReactNode } from "react";
import { cn } from "./cn";

export type DataTableColumn = ReactNode | { label: ReactNode; align?: "right"; className?: string };

/**
 * The app's list table: a scrolling wrapper, a header row from `columns`, and the rows given as
 * children. `spacing` "even" pads every header cell alike (px-5); "edges" pads the first and last
 * wider than the inner ones, for tables with many columns.
 */
export function DataTable({
  columns,
  children,
  spacing = "even",
  bodyClassName,
  label,
}: {
  columns: DataTableColumn[];
  children: ReactNode;
  spacing?: "even" | "edges";
  bodyClassName?: string;
  /** For a table wider than the screen: names the scrolling region, which keyboard users can then focus and scroll. */
  label?: string;
}) {
  return (
    <div className="overflow-x-auto" {...(label ? { role: "region", "aria-label": label, tabIndex: 0 } : {})}>
      <table className="min-w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            {columns.map((column, i) => {
              const { label, align, className } = isColumnObject(column)
                ? column
                : { label: column, align: undefined, className: undefined };
              const edge = i === 0 || i === columns.length - 1;
              const padding = spacing === "even" ? "px-5 py-2" : cn(edge ? "px-5" : "px-3", "py-2.5");
              return (
                <th key={i} className={cn(padding, align === "right" && "text-right", className)}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className={cn("divide-y divide-slate-100", bodyClassName)}>{children}</tbody>
      </table>
    </div>
  );
}

function isColumnObject(column: DataTableColumn): column is { label: ReactNode; align?: "right"; className?: string } {
  return typeof column === "object" && column !== null && "label" in column;
}
