"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTime, formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Command, EmptyState } from "@/components/ui/empty-state";
import { ImportStatusBadge } from "@/components/ui/import-status-badge";
import { Pagination } from "@/components/ui/pagination";
import { ProgressBar } from "@/components/ui/progress-bar";
import { isActiveImport, type ImportJobSummary, type Paged } from "@/lib/imports/schemas";
import { importQueries } from "@/lib/query/imports";

interface ImportListProps {
  page: number;
  initial: Paged<ImportJobSummary>;
  timeZone: string;
  canImport: boolean;
}

/** Import jobs, polled every 1.5 s while any of them is queued or running. */
export function ImportList({ page, initial, timeZone, canImport }: ImportListProps) {
  const { data, error } = useQuery({ ...importQueries.list(page), initialData: initial });
  return (
    <Card className="overflow-hidden">
      {error ? (
        <Alert tone="error" title="Could not refresh the list">
          {error.message}
        </Alert>
      ) : null}
      {data.items.length === 0 ? (
        <EmptyState title="No imports yet">
          {canImport ? (
            <p>
              <Link href="/imports/new" className="font-semibold text-indigo-600 hover:underline">
                Import a file
              </Link>
              : Shopify customers or orders, a Mailchimp audience, or any CSV. Or from a terminal in Tailor&apos;s folder:
            </p>
          ) : (
            <p>A marketer or an admin can import files here. From a terminal in Tailor&apos;s folder:</p>
          )}
          <Command>npm run tailor -- import shopify-customers path/to/customers_export.csv</Command>
          <p>The import shows up here while it runs, with its progress and any rejected rows.</p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-5 py-2.5">File</th>
                <th className="px-3 py-2.5">Status</th>
                <th className="px-3 py-2.5 text-right">Rows read</th>
                <th className="px-3 py-2.5 text-right">Imported</th>
                <th className="px-3 py-2.5 text-right">Updated</th>
                <th className="px-3 py-2.5 text-right">Already present</th>
                <th className="px-3 py-2.5 text-right">Rejected</th>
                <th className="px-5 py-2.5 text-right">Started</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.items.map((job) => (
                <tr key={job.id} className="hover:bg-slate-50">
                  <td className="px-5 py-3">
                    <Link href={`/imports/${job.id}`} className="font-medium text-slate-900 hover:text-indigo-600">
                      {job.fileName}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {job.kind} · by {job.createdBy ?? "the command line"}
                    </p>
                  </td>
                  <td className="px-3 py-3">
                    {isActiveImport(job) ? (
                      <div className="w-40 space-y-1">
                        <ImportStatusBadge status={job.status} dryRun={job.dryRun} />
                        <ProgressBar value={job.progress} label={`Progress of ${job.fileName}`} />
                        <p className="text-xs text-slate-500">{job.phase}</p>
                      </div>
                    ) : (
                      <ImportStatusBadge status={job.status} dryRun={job.dryRun} />
                    )}
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums">{formatNumber(job.rowsRead)}</td>
                  <td className="px-3 py-3 text-right tabular-nums">{formatNumber(job.imported)}</td>
                  <td className="px-3 py-3 text-right tabular-nums">{formatNumber(job.updated)}</td>
                  <td className="px-3 py-3 text-right tabular-nums">{formatNumber(job.alreadyPresent)}</td>
                  <td className={`px-3 py-3 text-right tabular-nums ${job.rejected > 0 ? "text-rose-600" : ""}`}>
                    {formatNumber(job.rejected)}
                  </td>
                  <td className="px-5 py-3 text-right whitespace-nowrap text-slate-600">{formatDateTime(job.createdAt, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.pageCount > 1 ? (
        <div className="border-t border-slate-100">
          <Pagination {...data} hrefFor={(p) => (p > 1 ? `/imports?page=${p}` : "/imports")} noun="imports" />
        </div>
      ) : null}
    </Card>
  );
}
