import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Command, EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import type { CustomerListRow } from "@/lib/customers/list-customers";
import type { CustomerListQuery } from "@/lib/customers/schemas";
import type { PageInfo } from "@/lib/http/pagination";
import { toQueryString } from "@/lib/http/search-params";
import { CustomersTable } from "./customers-table";

interface CustomerResultsProps {
  rows: CustomerListRow[];
  page: PageInfo;
  query: CustomerListQuery;
  currency: string;
  timeZone: string;
}

/** The table with its pagination, or the empty state that fits: no data, no match, past the end. */
export function CustomerResults({ rows, page, query, currency, timeZone }: CustomerResultsProps) {
  const hrefFor = (p: number) =>
    `/customers${toQueryString({ q: query.q, sort: query.sort, dir: query.dir, page: p > 1 ? p : undefined })}`;
  if (rows.length > 0) {
    return (
      <Card className="overflow-hidden">
        <CustomersTable rows={rows} query={query} currency={currency} timeZone={timeZone} />
        <div className="border-t border-slate-100">
          <Pagination
            page={page.page}
            pageCount={page.pageCount}
            total={page.total}
            pageSize={page.pageSize}
            hrefFor={hrefFor}
            noun="customers"
          />
        </div>
      </Card>
    );
  }
  return (
    <Card>
      {query.q ? (
        <EmptyState title={`No customers match “${query.q}”`}>
          <p>
            Check the spelling, or search by a full email address or a customer ID (for example 17850). Names and emails match on any part.
          </p>
          <Link href="/customers" className="font-medium text-indigo-600 hover:underline">
            Clear the search
          </Link>
        </EmptyState>
      ) : page.total > 0 ? (
        <EmptyState title="This page is past the end of the list">
          <Link href={hrefFor(1)} className="font-medium text-indigo-600 hover:underline">
            Go to the first page
          </Link>
        </EmptyState>
      ) : (
        <EmptyState title="No customers yet">
          <p>Import a CSV or load demo data from a terminal in Tailor&apos;s folder, then reload this page.</p>
          <div className="space-y-2 text-left">
            <Command>npm run tailor -- import online-retail path/to/online-retail.csv</Command>
            <Command>npm run tailor -- demo</Command>
          </div>
        </EmptyState>
      )}
    </Card>
  );
}
