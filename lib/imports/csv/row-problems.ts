import type { RejectedField } from "../create-rejection-recorder";
import { normalizeEmail } from "./normalize-contact";
import { parseDate } from "./parse-date";
import type { DateOrder } from "../format-schemas";

/** A row with more non-empty fields than the header has columns (its values may have shifted) is rejected. */
export function checkExtraFields(rec: { extraFields: number }, problems: RejectedField[]): void {
  if (rec.extraFields > 0) problems.push({ field: "row", reason: `${rec.extraFields} more field(s) than the header has columns` });
}

/** An email field: normalised; null when empty, or when it is not an email address (then a problem of `field`). */
export function readEmailField(raw: string, field: string, problems: RejectedField[]): string | null {
  const email = raw ? normalizeEmail(raw) : null;
  if (raw && !email) problems.push({ field, reason: `not an email address: "${raw}"` });
  return email;
}

/** A date field that must be there: parsed, or null with a problem of `field` (missing or unreadable). */
export function readRequiredDate(
  raw: string,
  dateOrder: Exclude<DateOrder, "auto">,
  field: string,
  problems: RejectedField[],
): string | null {
  const date = parseDate(raw, dateOrder);
  if (!date) problems.push({ field, reason: raw ? `unreadable date "${raw}"` : "missing date" });
  return date;
}
