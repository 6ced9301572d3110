import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

const EMAIL_RE = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/;

/** Trimmed and lower-cased (how email identities are stored), or null when it is not an address. */
export function normalizeEmail(value: string): string | null {
  const v = value
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
  if (v.length > 254 || !EMAIL_RE.test(v) || v.includes("..")) return null;
  return v;
}

/** E.164 ("+447700900123"), reading numbers without a country code in `region`; null when not a valid number. */
export function normalizePhone(value: string, region: string): string | null {
  const v = value.trim().replace(/^'/, "");
  if (v === "") return null;
  const parsed = parsePhoneNumberFromString(v, region.toUpperCase() as CountryCode);
  // "Possible" (right length for the country) rather than "valid": the bundled metadata is not current enough to refuse real numbers.
  return parsed && parsed.isPossible() ? parsed.number : null;
}

const YES = new Set(["yes", "y", "true", "1", "subscribed", "opted in", "opt-in", "x", "oui", "ja", "si", "sí"]);
const NO = new Set(["no", "n", "false", "0", "unsubscribed", "opted out", "opt-out", "non", "nein", ""]);

/** "yes"/"true"/"1"/… → true, "no"/"false"/"0"/"" → false, anything else null. */
export function parseYesNo(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}
