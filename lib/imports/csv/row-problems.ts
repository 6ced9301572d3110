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

/**
 * An optional field: `read` reads it as it would a required one, reporting into the list it is
 * given; what it could not read becomes a warning of the same field that says what Tailor did
 * instead (`instead`), and the value is null. The row itself is kept.
 */
export function readOptional<T>(read: (problems: RejectedField[]) => T | null, warnings: RejectedField[], instead: string): T | null {
  const found: RejectedField[] = [];
  const value = read(found);
  for (const p of found) warnings.push({ field: p.field, reason: `${p.reason}; ${instead}` });
  return found.length ? null : value;
}

/** A currency code (ISO 4217, three letters): upper-cased; null when empty or not a code (then a problem of `field`). */
export function readCurrencyField(raw: string, field: string, problems: RejectedField[]): string | null {
  const currency = raw.trim().toUpperCase();
  if (currency && !/^[A-Z]{3}$/.test(currency)) problems.push({ field, reason: `not a currency code: "${raw.trim()}"` });
  return /^[A-Z]{3}$/.test(currency) ? currency : null;
}
