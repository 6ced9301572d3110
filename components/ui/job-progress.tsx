"use client";

import { useEffect, useState, type ReactNode } from "react";
import { isActiveJob, isWaitingForWorker, waitedMs, type JobProgress } from "@/lib/jobs/job-progress";
import { Button } from "./button";
import { ProgressBar } from "./progress-bar";

/** The current time, ticking every second while `active` (the elapsed time moves even between reports). */
function useNow(active: boolean): number | null {
  // null until mounted: the server's clock would not match the browser's when hydrating.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    if (!active) return () => clearTimeout(first);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active]);
  return now;
}

/** What the panel uses of a job's cancel mutation (a TanStack Query `useMutation` result without variables). */
export interface CancelMutation {
  mutate: () => void;
  isPending: boolean;
  error: Error | null;
}

/**
 * The progress of any background job (import, RFM rescore, clustering run, …): what the worker is
 * doing, a bar, the time waited so far; "waiting for the worker" only once no worker has picked the
 * job up within a few seconds; a cancel button while it runs (when `onCancel` is given); and, once
 * ended, how long the user waited.
 */
export function JobProgressPanel({
  job,
  label,
  cancel,
  cancelLabel = "Cancel",
  children,
}: {
  job: JobProgress;
  /** The progress bar's accessible name ("Clustering progress"). */
  label: string;
  /** The job's cancel mutation; without it (e.g. for a user who may not cancel), no button. */
  cancel?: CancelMutation;
  /** The cancel button's text ("Cancel run"). */
  cancelLabel?: string;
  /** Shown under the bar (job-specific figures such as rows read). */
  children?: ReactNode;
}) {
  const active = isActiveJob(job);
  const now = useNow(active);
  const waited = job.finishedAt ? formatElapsed(waitedMs(job, 0)) : now === null ? "" : formatElapsed(waitedMs(job, now));
  const waiting = now !== null && isWaitingForWorker(job, now);
  return (
    <div data-testid="job-progress" data-status={job.status}>
      {active ? (
        <>
          <p className="mb-1.5 text-sm text-slate-700" aria-live="polite">
            {job.status === "queued"
              ? waiting
                ? "Waiting for the worker: none has picked this job up yet. Check that the worker is running (npm start runs it)."
                : "Starting…"
              : job.phase}
            {waited ? (
              <span className="ml-2 text-slate-600 tabular-nums" data-testid="job-elapsed">
                · {waited}
              </span>
            ) : null}
          </p>
          <ProgressBar value={job.progress} label={label} />
          {children}
          {cancel ? (
            <Button variant="secondary" className="mt-3" disabled={cancel.isPending || job.cancelRequested} onClick={() => cancel.mutate()}>
              {job.cancelRequested ? "Cancelling…" : cancelLabel}
            </Button>
          ) : null}
          {cancel?.error ? (
            <p role="alert" className="mt-2 text-sm text-rose-700">
              {cancel.error.message}
            </p>
          ) : null}
        </>
      ) : (
        <>
          {job.status === "succeeded" ? <ProgressBar value={100} label={label} /> : null}
          {children}
          <p className="mt-1.5 text-sm text-slate-600" data-testid="job-took">
            {job.status === "succeeded" ? "Finished" : job.status === "cancelled" ? "Cancelled" : "Stopped"} · took {waited}
            {job.startedAt && Date.parse(job.startedAt) - Date.parse(job.createdAt) >= 2000
              ? ` (${formatElapsed(Date.parse(job.startedAt) - Date.parse(job.createdAt))} of it waiting for the worker)`
              : ""}
          </p>
        </>
      )}
    </div>
  );
}

/** "4 s", "1 min 05 s", "2 h 03 min". */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}
