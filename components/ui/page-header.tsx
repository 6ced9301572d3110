import Link from "next/link";
import type { ReactNode } from "react";

/** A page's title, what it is for, its actions, and (on a page below a list) the link back to the list. */
export function PageHeader({
  title,
  description,
  actions,
  back,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  back?: { href: string; label: ReactNode };
}) {
  const header = (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-500">{description}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </header>
  );
  if (!back) return header;
  return (
    <>
      <BackLink href={back.href}>{back.label}</BackLink>
      <div className="mt-2">{header}</div>
    </>
  );
}

/** The link above a page's header back to the list it belongs to ("← Clusters"). */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-sm font-medium text-indigo-600 hover:underline">
      ← {children}
    </Link>
  );
}
