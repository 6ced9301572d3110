import type { ReactNode } from "react";

/** What to show when there is nothing yet: says what it is and what to do next. */
export function EmptyState({ title, children, icon }: { title: string; children?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      {icon ? <div className="mb-3 text-slate-600">{icon}</div> : null}
      <h3 className="text-base font-semibold text-slate-900">{title}</h3>
      <div className="mt-2 max-w-xl space-y-3 text-sm text-slate-600">{children}</div>
    </div>
  );
}

/** A shell command the user can copy. */
export function Command({ children }: { children: string }) {
  return (
    <pre className="overflow-x-auto rounded-lg bg-slate-900 px-4 py-3 text-left font-mono text-xs text-slate-100 select-all">
      <code>{children}</code>
    </pre>
  );
}
