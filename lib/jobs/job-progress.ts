/**
 * What every job page (imports, RFM rescore, clustering runs, and the pages of later jobs) reads of
 * a job while it runs and once it ended: one shape, one polling rule (lib/query/job-progress.ts) and
 * one display (components/ui/job-progress.tsx). Client-safe: no database here.
 */
export const jobStatuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface JobProgress {
  status: JobStatus;
  /** 0–100. */
  progress: number;
  /** What the worker is doing now, in words ("Loading features (2,000 of 20,000 customers)"). */
  phase: string;
  /** When the user asked for it (ISO): "took" counts from here, the time the user waited. */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The cancel button was pressed; the worker stops at its next check. */
  cancelRequested?: boolean;
  error: string | null;
}

/** How long a queued job may wait before the page says that no worker picked it up. */
export const WORKER_PICKUP_GRACE_MS = 5_000;

export function isActiveJob(job: Pick<JobProgress, "status">): boolean {
  return job.status === "queued" || job.status === "running";
}

/** True once a job has waited longer than the grace period without a worker starting it. */
export function isWaitingForWorker(job: Pick<JobProgress, "status" | "createdAt">, now: number): boolean {
  return job.status === "queued" && now - Date.parse(job.createdAt) > WORKER_PICKUP_GRACE_MS;
}

/** The time the user waited: from the request to the end (or to `now` while it runs). */
export function waitedMs(job: Pick<JobProgress, "createdAt" | "finishedAt">, now: number): number {
  return Math.max(0, (job.finishedAt ? Date.parse(job.finishedAt) : now) - Date.parse(job.createdAt));
}
