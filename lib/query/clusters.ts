import { queryOptions } from "@tanstack/react-query";
import { isActiveRun, type ClusterRunDetail, type ClusterRunSummary, type RunComparison } from "../clustering/runs/schemas";
import { fetchJson } from "./fetch-json";
import { jobPolling } from "./job-progress";

export const clusterKeys = {
  all: ["clusters"] as const,
  list: () => ["clusters", "list"] as const,
  detail: (id: string) => ["clusters", "detail", id] as const,
  compare: (a: string, b: string) => ["clusters", "compare", a, b] as const,
};

export const postJson = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

/** TanStack Query options for the clustering API (client side). */
export const clusterQueries = {
  list: () =>
    queryOptions({
      queryKey: clusterKeys.list(),
      queryFn: () => fetchJson<ClusterRunSummary[]>("/api/v1/clusters/runs"),
      ...jobPolling<ClusterRunSummary[]>((runs) => runs.find(isActiveRun)),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: clusterKeys.detail(id),
      queryFn: () => fetchJson<ClusterRunDetail>(`/api/v1/clusters/runs/${encodeURIComponent(id)}`),
      ...jobPolling<ClusterRunDetail>(),
    }),
  compare: (a: string, b: string) =>
    queryOptions({
      queryKey: clusterKeys.compare(a, b),
      queryFn: () => fetchJson<RunComparison>(`/api/v1/clusters/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`),
      enabled: !!a && !!b && a !== b,
    }),
};
