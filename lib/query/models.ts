import { queryOptions } from "@tanstack/react-query";
import { isActiveJob } from "../jobs/job-progress";
import type { ModelOverview, ModelValidations } from "../scoring/runs/model-views";
import { fetchJson } from "./fetch-json";
import { jobPolling } from "./job-progress";

export const modelKeys = {
  all: ["models"] as const,
  overview: () => ["models", "overview"] as const,
  validation: () => ["models", "validation"] as const,
};

/** TanStack Query options for the Models API (client side). */
export const modelQueries = {
  /** Polls every second while any model's newest run is queued or running. */
  overview: () =>
    queryOptions({
      queryKey: modelKeys.overview(),
      queryFn: () => fetchJson<ModelOverview[]>("/api/v1/models"),
      ...jobPolling<ModelOverview[]>((models) => models.map((m) => m.latest).find((r) => r !== null && isActiveJob(r))),
    }),
  validation: () =>
    queryOptions({
      queryKey: modelKeys.validation(),
      queryFn: () => fetchJson<ModelValidations>("/api/v1/models/validation"),
      staleTime: 60_000,
    }),
};
