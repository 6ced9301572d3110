import { queryOptions } from "@tanstack/react-query";
import { isActiveImport, type ImportJobSummary, type ImportRejectionRow, type Paged } from "../imports/schemas";
import { fetchJson } from "./fetch-json";
import { jobPolling } from "./job-progress";

export const importKeys = {
  all: ["imports"] as const,
  list: (page: number) => ["imports", "list", page] as const,
  detail: (id: string) => ["imports", "detail", id] as const,
  rejections: (id: string, page: number) => ["imports", "detail", id, "rejections", page] as const,
};

/** TanStack Query options for the imports API (client side). */
export const importQueries = {
  list: (page: number) =>
    queryOptions({
      queryKey: importKeys.list(page),
      queryFn: () => fetchJson<Paged<ImportJobSummary>>(`/api/v1/imports?page=${page}`),
      ...jobPolling<Paged<ImportJobSummary>>((page) => page.items.find(isActiveImport)),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: importKeys.detail(id),
      queryFn: () => fetchJson<ImportJobSummary>(`/api/v1/imports/${encodeURIComponent(id)}`),
      ...jobPolling<ImportJobSummary>(),
    }),
  rejections: (id: string, page: number) =>
    queryOptions({
      queryKey: importKeys.rejections(id, page),
      queryFn: () => fetchJson<Paged<ImportRejectionRow>>(`/api/v1/imports/${encodeURIComponent(id)}/rejections?page=${page}`),
    }),
};
