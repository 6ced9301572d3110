import { buttonClasses, LinkButton } from "./button";

interface PaginationProps {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  /** Link to another page, keeping the rest of the URL state. */
  hrefFor: (page: number) => string;
  noun?: string;
}

/** "Showing 26–50 of 1,204 customers" with previous/next links (URL-driven, shareable). */
export function Pagination({ page, pageCount, total, pageSize, hrefFor, noun = "results" }: PaginationProps) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const fmt = new Intl.NumberFormat("en");
  return (
    <nav className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm text-slate-600" aria-label="Pagination">
      <p>
        {total > 0 ? (
          <>
            Showing <span className="font-medium text-slate-900">{fmt.format(from)}</span>–
            <span className="font-medium text-slate-900">{fmt.format(to)}</span> of{" "}
            <span className="font-medium text-slate-900">{fmt.format(total)}</span> {noun}
          </>
        ) : (
          <>No {noun}</>
        )}
      </p>
      {pageCount > 1 ? (
        <div className="flex items-center gap-2">
          <PageLink disabled={page <= 1} href={hrefFor(page - 1)} label="Previous" />
          <span className="tabular-nums">
            Page {fmt.format(Math.min(page, pageCount))} of {fmt.format(pageCount)}
          </span>
          <PageLink disabled={page >= pageCount} href={hrefFor(page + 1)} label="Next" />
        </div>
      ) : null}
    </nav>
  );
}

function PageLink({ disabled, href, label }: { disabled: boolean; href: string; label: string }) {
  // Not a link where there is nowhere to go; still readable (no faded text below 4.5:1 contrast).
  if (disabled)
    return (
      <span aria-disabled="true" className={buttonClasses("secondary", "pointer-events-none bg-slate-50 text-slate-500 shadow-none")}>
        {label}
      </span>
    );
  return (
    <LinkButton href={href} variant="secondary" scroll={false}>
      {label}
    </LinkButton>
  );
}
