"use client";

import { useQuery } from "@tanstack/react-query";
import { useCancelImport } from "@/components/forms/use-cancel-import";
import { formatDateTime, formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { ImportStatusBadge } from "@/components/ui/import-status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { JobProgressPanel } from "@/components/ui/job-progress";
import { isActiveImport, type ImportJobSummary } from "@/lib/imports/schemas";
import { importQueries } from "@/lib/query/imports";

/** One import's status, progress (live while running) and counts. */
export function ImportDetail({ initial, timeZone, canCancel }: { initial: ImportJobSummary; timeZone: string; canCancel: boolean }) {
  const { data: job, error } = useQuery({ ...importQueries.detail(initial.id), initialData: initial });
  const cancel = useCancelImport(initial.id);
  const counts: [string, number, string][] = [
    ["Rows read", job.rowsRead, "Lines of the file read"],
    ["Imported", job.imported, "New rows saved"],
    ["Updated", job.updated, "Already known, changed"],
    ["Already present", job.alreadyPresent, "Skipped: imported before"],
    ["Without customer", job.withoutCustomer, "Kept, but linked to no customer"],
    ["Rejected", job.rejected, "Not imported; see below why"],
    ...(job.details.rowsWithSkippedFields
      ? ([["Field skipped", job.details.rowsWithSkippedFields, "Imported without a field it could not read"]] as [string, number, string][])
      : []),
  ];
  return (
    <>
      <PageHeader
        title={job.fileName}
        description={`${job.kind} import${job.createdBy ? ` by ${job.createdBy}` : ""} · created ${formatDateTime(job.createdAt, timeZone)}`}
        actions={<ImportStatusBadge status={job.status} dryRun={job.dryRun} />}
      />
      {error ? (
        <Alert tone="error" title="Could not refresh this import">
          {error.message}
        </Alert>
      ) : null}
      {job.status === "failed" && job.error ? (
        <Alert tone="error" title="The import failed">
          {job.error}
        </Alert>
      ) : null}
      {job.dryRun && job.status === "succeeded" ? (
        <Alert tone="info">This was a dry run: the file was checked, nothing was saved.</Alert>
      ) : null}
      <Card>
        <CardBody className="space-y-5">
          <JobProgressPanel job={job} label="Import progress" cancel={canCancel ? cancel : undefined} cancelLabel="Cancel import">
            {job.startedAt && !isActiveImport(job) ? (
              <p className="text-sm text-slate-600">
                Started {formatDateTime(job.startedAt, timeZone)} · finished {formatDateTime(job.finishedAt, timeZone)}
              </p>
            ) : null}
          </JobProgressPanel>
          <FinancialStatuses details={job.details} />
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-7">
            {counts.map(([label, value, hint]) => (
              <div key={label} className="rounded-lg bg-slate-50 px-4 py-3">
                <dt className="text-xs font-medium text-slate-500">{label}</dt>
                <dd
                  className={`mt-1 text-xl font-semibold tabular-nums ${label === "Rejected" && value > 0 ? "text-rose-600" : label === "Field skipped" ? "text-amber-700" : "text-slate-900"}`}
                >
                  {formatNumber(value)}
                </dd>
                <dd className="mt-0.5 text-xs text-slate-600">{hint}</dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
    </>
  );
}

const statusNotes: Record<string, string> = {
  Voided: "imported as cancelled: the payment was never captured",
  Pending: "not purchases until a later export shows them paid",
  Authorized: "not purchases until a later export shows them paid",
  Refunded: "a cancellation or refund takes the amount back",
  PartiallyRefunded: "the refunded part is taken back",
};

/** Orders read per Financial Status (Shopify exports), with what each became. */
function FinancialStatuses({ details }: { details: Record<string, number> }) {
  const rows = Object.entries(details)
    .filter(([k]) => k.startsWith("financialStatus"))
    .map(([k, n]) => [k.slice("financialStatus".length), n] as const);
  if (rows.length === 0) return null;
  return (
    <div data-testid="financial-statuses">
      <h3 className="text-sm font-semibold text-slate-800">Orders per financial status</h3>
      <ul className="mt-1 text-sm text-slate-700">
        {rows.map(([status, n]) => (
          <li key={status}>
            {status.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}: <span className="tabular-nums">{formatNumber(n)}</span>
            {statusNotes[status] ? <span className="text-slate-600"> ({statusNotes[status]})</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
