import type { RejectedField } from "../../create-rejection-recorder";

/** One person as a file describes them, normalised; the merge fills customers, identities and consent. */
export interface CustomerRow {
  email: string | null;
  /** The file's own id for the person (identity external_id with the import's source). */
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  /** E.164. */
  phone: string | null;
  country: string | null;
  city: string | null;
  /** Extra traits, merged into customers.attributes. */
  attributes: Record<string, string>;
  /** When the person first appeared (sign-up): widens first_seen_at. */
  seenAt: string | null;
  /** email_marketing consent as the file states it, with its proof. */
  consent: { status: "granted" | "denied" | "withdrawn"; occurredAt: string | null; proof: Record<string, unknown> } | null;
}

/**
 * A row read (`warnings`: optional fields that could not be read and were left out — the row is
 * kept without them) or rejected whole (`problems`: what identifies the person or the record).
 */
export type RowResult<R> = { ok: true; row: R; warnings?: RejectedField[] } | { ok: false; problems: RejectedField[] };

/** The result of a row: rejected when it has problems, else kept (with the fields it skipped, if any). */
export function rowResult<R>(row: R, problems: RejectedField[], warnings: RejectedField[] = []): RowResult<R> {
  if (problems.length) return { ok: false, problems };
  return warnings.length ? { ok: true, row, warnings } : { ok: true, row };
}

/** What a format's reader yields: a row number and raw text for the rejected-rows file, then the row or its problems. */
export interface ReadRow<R> {
  rowNumber: number;
  raw: string;
  result: RowResult<R> | { ok: "skip" };
  /** Further rows the same line of the file stands for (a cancelled order's reversal, a refund). */
  extra?: R[];
}

/** What a reader yields for a record of the file: its row number and raw text, then `result`. */
export function readRow<R>(rec: { rowNumber: number; raw: string }, result: ReadRow<R>["result"]): ReadRow<R> {
  return { rowNumber: rec.rowNumber, raw: rec.raw, result };
}

export const emptyCustomerRow = (): CustomerRow => ({
  email: null,
  externalId: null,
  firstName: null,
  lastName: null,
  phone: null,
  country: null,
  city: null,
  attributes: {},
  seenAt: null,
  consent: null,
});
