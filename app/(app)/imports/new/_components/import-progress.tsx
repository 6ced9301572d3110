"use client";

import { useQuery } from "@tanstack/react-query";
import { useCancelImport } from "@/components/forms/use-cancel-import";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses, LinkButton } from "@/components/ui/button";
import { JobProgressPanel } from "@/components/ui/job-progress";
import { isActiveImport } from "@/lib/imports/schemas";
import { importQueries } from "@/lib/query/imports";

/** The worker's progress on one import, a cancel button while it runs, then its result. */
export function ImportProgress({ id, onAnother }: { id: string; onAnother: () => void }) {
  const { data: job, error } = useQuery(importQueries.detail(id));
  const cancel = useCancelImport(id);
  if (error)
    return (
      <Alert tone="error" title="Could not read the import's progress">
        {error.message}
      </Alert>
    );
  if (!job) return <p className="text-sm text-slate-600">Starting…</p>;
  const active = isActiveImport(job);
  return (
    <div className="space-y-4">
      <JobProgressPanel job={job} label="Processing progress" cancel={cancel} cancelLabel="Cancel import">
        {job.rowsRead > 0 && active ? <p className="mt-1 text-xs text-slate-600">{formatNumber(job.rowsRead)} rows read</p> : null}
      </JobProgressPanel>
      {job.status === "failed" ? (
        <Alert tone="error" title="The import failed">
          {job.error}
        </Alert>
      ) : null}
      {job.status === "cancelled" ? (
        <Alert tone="warning" title="Import cancelled">
          Nothing from this file was saved. Upload it again to import it.
        </Alert>
      ) : null}
      {job.status === "succeeded" ? (
        <>
          <Alert tone="success" title={job.dryRun ? "Check finished: nothing was saved" : "Import finished"}>
            The uploaded file has been deleted from the server.
          </Alert>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-6" aria-label="Import result">
            {(
              [
                ["Imported", job.imported, "new"],
                ["Updated", job.updated, "already known, changed"],
                ["Skipped", job.alreadyPresent + job.withoutCustomer, "already present or without email/id"],
                ["Rejected", job.rejected, "unreadable rows"],
                ["Field skipped", job.details.rowsWithSkippedFields ?? 0, "rows imported without a field"],
                ["Rows read", job.rowsRead, "in the file"],
              ] as const
            ).map(([label, value, hint]) => (
              <div key={label} className="rounded-lg bg-slate-50 px-4 py-3">
                <dt className="text-xs font-medium text-slate-500">{label}</dt>
                <dd
                  className={`mt-1 text-xl font-semibold tabular-nums ${label === "Rejected" && value > 0 ? "text-rose-600" : label === "Field skipped" && value > 0 ? "text-amber-700" : "text-slate-900"}`}
                >
                  {formatNumber(value)}
                </dd>
                <dd className="text-xs text-slate-600">{hint}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {!active ? (
        <div className="flex flex-wrap gap-2">
          {job.rejected > 0 || (job.details.rowsWithSkippedFields ?? 0) > 0 ? (
            <a className={buttonClasses("secondary")} href={`/api/v1/imports/${id}/rejections/download`} download>
              {job.rejected > 0 && (job.details.rowsWithSkippedFields ?? 0) > 0
                ? "Download rejected rows and skipped fields (CSV)"
                : job.rejected > 0
                  ? "Download rejected rows (CSV)"
                  : "Download skipped fields (CSV)"}
            </a>
          ) : null}
          <LinkButton href={`/imports/${id}`} variant="secondary">
            Details
          </LinkButton>
          <Button onClick={onAnother}>Import another file</Button>
        </div>
      ) : null}
    </div>
  );
}
