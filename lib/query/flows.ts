import { queryOptions } from "@tanstack/react-query";
import type { StepExperimentReport } from "../flows/experiments/get-step-experiment-report";
import type { StepCounts } from "../flows/get-flow-step-counts";
import { fetchJson } from "./fetch-json";

export interface FlowCounts {
  steps: Record<string, StepCounts>;
  active: number;
  completed: number;
  exited: number;
}

/** TanStack Query options for a flow's live per-step counts (polled every 2 s). */
export const flowQueries = {
  counts: (id: string) =>
    queryOptions({
      queryKey: ["flows", "counts", id] as const,
      queryFn: () => fetchJson<FlowCounts>(`/api/v1/flows/${encodeURIComponent(id)}/counts`),
      refetchInterval: 2000,
    }),
  /** A send step's experiment report (null when the step tests nothing and none was applied), polled every 5 s. */
  stepExperiment: (id: string, stepId: string) =>
    queryOptions({
      queryKey: ["flows", "step-experiment", id, stepId] as const,
      queryFn: () =>
        fetchJson<StepExperimentReport | null>(`/api/v1/flows/${encodeURIComponent(id)}/steps/${encodeURIComponent(stepId)}/experiment`),
      refetchInterval: 5000,
    }),
};
