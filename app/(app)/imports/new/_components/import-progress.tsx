"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { isActiveImport } from "@/lib/imports/schemas";
import { importKeys, importQueries } from "@/lib/query/imports";
import { postJson } from "@/lib/uploads/upload-file";

/** The worker's progress on one import, a cancel button while it runs, then its result. */
export function ImportProgress({ id, onAnother }: { id: string; onAnother: () => void }) {
  const queryClient = useQueryClient();
  const { data: job, error } = useQuery(importQueries.detail(id));
  const [cancelError, setCancelError] = useState<string | null>(null);
  if (error)
    return (
      <Alert tone="error" title="Could not read the import's progress">
        {error.message}
      </Alert>
    );
  if (!job) return <p className="text-sm text-slate-500">Waiting for the worker…</p>;
  const active = isActiveImport(job);
  const cancel = async () => {
    setCancelError(null);
    try {
      await postJson(`/api/v1/imports/${id}/cancel`, {});
      await queryClient.invalidateQueries({ queryKey: importKeys.detail(id) });
    } catch (e) {
      setCancelError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="space-y-4">
      <div>
        <p className="mb-1.5 text-sm text-slate-600">
          Processing: {job.status === "queued" ? "waiting for the worker (is `npm start` running?)" : job.phase}
          {job.rowsRead > 0 && active ? ` · ${formatNumber(job.rowsRead)} rows read` : ""}
        </p>
        <ProgressBar value={job.status === "succeeded" ? 100 : job.progress} label="Processing progress" />
      </div>
      {active ? (
        <Button variant="secondary" onClick={cancel} disabled={job.cancelRequested}>
          {job.cancelRequested ? "Cancelling…" : "Cancel import"}
        </Button>
      ) : null}
      {cancelError ? <Alert tone="error">{cancelError}</Alert> : null}
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
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Import result">
            {(
              [
                ["Imported", job.imported, "new"],
                ["Updated", job.updated, "already known, changed"],
                ["Skipped", job.alreadyPresent + job.withoutCustomer, "already present or without email/id"],
                ["Rejected", job.rejected, "unreadable rows"],
                ["Rows read", job.rowsRead, "in the file"],
              ] as const
            ).map(([label, value, hint]) => (
              <div key={label} className="rounded-lg bg-slate-50 px-4 py-3">
                <dt className="text-xs font-medium text-slate-500">{label}</dt>
                <dd
                  className={`mt-1 text-xl font-semibold tabular-nums ${label === "Rejected" && value > 0 ? "text-rose-600" : "text-slate-900"}`}
                >
                  {formatNumber(value)}
                </dd>
                <dd className="text-xs text-slate-400">{hint}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {!active ? (
        <div className="flex flex-wrap gap-2">
          {job.rejected > 0 ? (
            <a className={buttonClasses("secondary")} href={`/api/v1/imports/${id}/rejections/download`} download>
              Download rejected rows (CSV)
            </a>
          ) : null}
          <Link className={buttonClasses("secondary")} href={`/imports/${id}`}>
            Details
          </Link>
          <Button onClick={onAnother}>Import another file</Button>
        </div>
      ) : null}
    </div>
  );
}
