import { queryOptions } from "@tanstack/react-query";
import { isActiveImport, type ImportJobSummary, type ImportRejectionRow, type Paged } from "../imports/schemas";
import { fetchJson } from "./fetch-json";

/** How often lists and details refresh while an import is queued or running. */
export const importPollMs = 1500;

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
      refetchInterval: (query) => (query.state.data?.items.some(isActiveImport) ? importPollMs : false),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: importKeys.detail(id),
      queryFn: () => fetchJson<ImportJobSummary>(`/api/v1/imports/${encodeURIComponent(id)}`),
      refetchInterval: (query) => (query.state.data && isActiveImport(query.state.data) ? importPollMs : false),
    }),
  rejections: (id: string, page: number) =>
    queryOptions({
      queryKey: importKeys.rejections(id, page),
      queryFn: () => fetchJson<Paged<ImportRejectionRow>>(`/api/v1/imports/${encodeURIComponent(id)}/rejections?page=${page}`),
    }),
};
