import type { Query } from "@tanstack/react-query";
import { isActiveJob, type JobProgress } from "../jobs/job-progress";

/** How often a job page asks for its job while the job is queued or running. */
export const JOB_POLL_MS = 1000;

/**
 * The polling rule every job page shares: ask every second while the job is queued or running
 * (also while the tab is in the background, so the page is current the moment it is looked at
 * again), stop once it ended. `toJob` picks the job out of the query's data (null: no job).
 */
export function jobPolling<T>(toJob: (data: T) => Pick<JobProgress, "status"> | null | undefined = (d) => d as never) {
  return {
    refetchInterval: (query: Query<T, Error, T, readonly unknown[]>) => {
      const data = query.state.data;
      const job = data === undefined ? null : toJob(data);
      return job && isActiveJob(job) ? JOB_POLL_MS : false;
    },
    refetchIntervalInBackground: true,
  } as const;
}
