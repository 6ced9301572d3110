/** What every server action returns; safe to import from the client. */
export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; error: string; code: string; fieldErrors: Record<string, string> };

export interface FieldIssue {
  field: string;
  message: string;
}

export function isFieldIssueList(value: unknown): value is FieldIssue[] {
  return (
    Array.isArray(value) &&
    value.every(
      (v) =>
        typeof v === "object" && v !== null && typeof (v as FieldIssue).field === "string" && typeof (v as FieldIssue).message === "string",
    )
  );
}
