import { queryOptions } from "@tanstack/react-query";
import type { TemplateDiagnostic, TemplateDraft, TemplatePreview } from "../templates/types";
import { fetchJson } from "./fetch-json";

export interface CustomerOption {
  id: number;
  name: string;
  email: string | null;
}

export interface SegmentOption {
  id: string;
  name: string;
  memberCount: number;
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

export const templateKeys = {
  all: ["templates"] as const,
  validate: (draft: string) => ["templates", "validate", draft] as const,
  preview: (draft: string, customerId: number) => ["templates", "preview", customerId, draft] as const,
  customers: (q: string) => ["templates", "customers", q] as const,
  segments: () => ["templates", "segments"] as const,
  segmentSample: (segmentId: string, after: number) => ["templates", "segment-sample", segmentId, after] as const,
  versions: (templateId: string) => ["templates", "versions", templateId] as const,
  outbox: () => ["templates", "outbox"] as const,
};

/** TanStack Query options for the template editor's API (client side). */
export const templateQueries = {
  validate: (draft: TemplateDraft) =>
    queryOptions({
      queryKey: templateKeys.validate(JSON.stringify(draft)),
      queryFn: ({ signal }) => fetchJson<{ diagnostics: TemplateDiagnostic[] }>("/api/v1/templates/validate", { ...post(draft), signal }),
      placeholderData: (previous) => previous,
      staleTime: 60_000,
      retry: false,
    }),
  preview: (draft: TemplateDraft, customerId: number) =>
    queryOptions({
      queryKey: templateKeys.preview(JSON.stringify(draft), customerId),
      queryFn: ({ signal }) => fetchJson<TemplatePreview>("/api/v1/templates/preview", { ...post({ draft, customerId }), signal }),
      placeholderData: (previous) => previous,
      staleTime: 30_000,
      retry: false,
    }),
  customers: (q: string) =>
    queryOptions({
      queryKey: templateKeys.customers(q),
      queryFn: ({ signal }) => fetchJson<CustomerOption[]>(`/api/v1/templates/preview-customers?q=${encodeURIComponent(q)}`, { signal }),
      placeholderData: (previous) => previous,
      staleTime: 30_000,
    }),
  segments: () =>
    queryOptions({
      queryKey: templateKeys.segments(),
      queryFn: () => fetchJson<SegmentOption[]>("/api/v1/segments"),
      staleTime: 60_000,
    }),
};

/** The next member of a segment after `after` (by customer id), wrapping around to the first; null when empty. */
export async function nextSegmentCustomer(segmentId: string, after: number): Promise<CustomerOption | null> {
  const page = (from: number) =>
    fetchJson<{ members: { id: number; email: string | null; firstName: string | null; lastName: string | null }[] }>(
      `/api/v1/segments/${encodeURIComponent(segmentId)}/members?limit=1${from ? `&after=${from}` : ""}`,
    );
  let { members } = await page(after);
  if (members.length === 0 && after) ({ members } = await page(0));
  const m = members[0];
  if (!m) return null;
  const name = [m.firstName, m.lastName].filter(Boolean).join(" ");
  return { id: m.id, name: name || m.email || `Customer #${m.id}`, email: m.email };
}

export async function sendTestEmailRequest(input: {
  draft: TemplateDraft;
  customerId: number;
  to: string;
  templateId: string;
}): Promise<{ delivery: "smtp" | "outbox"; messageId: string }> {
  return fetchJson("/api/v1/templates/test-send", post(input));
}

export interface SavedVersionResponse {
  id: string;
  number: number;
  draft: boolean;
  blockers: TemplateDiagnostic[];
  current: { id: string; number: number } | null;
}

export async function saveTemplateVersionRequest(templateId: string, draft: TemplateDraft, asDraft = false): Promise<SavedVersionResponse> {
  return fetchJson(`/api/v1/templates/${encodeURIComponent(templateId)}/versions`, post({ ...draft, asDraft }));
}
