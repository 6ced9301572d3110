import { queryOptions } from "@tanstack/react-query";
import type { SegmentRules } from "../segments/schemas";
import { fetchJson } from "./fetch-json";

export interface PreviewResult {
  total: number;
  conditionCounts: Record<string, number>;
  sample: { id: number; name: string; email: string | null }[];
  ref: string;
  ms: number;
}
export interface ExplanationResult {
  customerId: number;
  matches: boolean;
  conditions: { path: string; text: string; met: boolean; value: string | null }[];
}
export interface SegmentStatus {
  id: string;
  memberCount: number;
  buildStatus: string;
  buildProgress: number;
  buildError: string | null;
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

export const segmentKeys = {
  all: ["segments"] as const,
  preview: (rules: string, segmentId?: string) => ["segments", "preview", segmentId ?? "", rules] as const,
  explain: (rules: string, customerId: number) => ["segments", "explain", rules, customerId] as const,
  suggestions: (kind: string, extra: string) => ["segments", "suggestions", kind, extra] as const,
  detail: (id: string) => ["segments", "detail", id] as const,
};

/** TanStack Query options for the segment API (client side). */
export const segmentQueries = {
  preview: (rules: SegmentRules, segmentId?: string) =>
    queryOptions({
      queryKey: segmentKeys.preview(JSON.stringify(rules), segmentId),
      queryFn: ({ signal }) =>
        fetchJson<PreviewResult>("/api/v1/segments/preview", { ...post({ rules, segmentId, sampleSize: 20 }), signal }),
      placeholderData: (previous) => previous,
      staleTime: 5_000,
      retry: false,
    }),
  explain: (rules: SegmentRules, customerId: number) =>
    queryOptions({
      queryKey: segmentKeys.explain(JSON.stringify(rules), customerId),
      queryFn: () => fetchJson<ExplanationResult>("/api/v1/segments/explain", post({ rules, customer: customerId })),
      retry: false,
    }),
  suggestions: (kind: string, params: Record<string, string | undefined> = {}) =>
    queryOptions({
      queryKey: segmentKeys.suggestions(kind, JSON.stringify(params)),
      queryFn: () => {
        const qs = new URLSearchParams({ kind });
        for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
        return fetchJson<{ value: string; label?: string }[]>(`/api/v1/segments/suggestions?${qs.toString()}`);
      },
      staleTime: 60_000,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: segmentKeys.detail(id),
      queryFn: () => fetchJson<SegmentStatus>(`/api/v1/segments/${encodeURIComponent(id)}`),
      refetchInterval: (query) =>
        query.state.data && (query.state.data.buildStatus === "queued" || query.state.data.buildStatus === "building") ? 1000 : false,
    }),
};

export async function saveSegmentRequest(opts: {
  id?: string;
  name: string;
  description: string;
  rules: SegmentRules;
}): Promise<{ id: string }> {
  const { id, ...input } = opts;
  return fetchJson<{ id: string }>(id ? `/api/v1/segments/${encodeURIComponent(id)}` : "/api/v1/segments", {
    ...post(input),
    method: id ? "PUT" : "POST",
  });
}
