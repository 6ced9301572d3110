import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** Emails: trimmed and lowercased, nothing else (no provider-specific folding of dots or +tags). */
export function normalizeEmail(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}

/** Phones: E.164 (+447700900123), read in the default region from settings when not international. */
export function normalizePhone(raw: unknown, defaultRegion: string): string | null {
  if (typeof raw !== "string" && typeof raw !== "number") return null;
  const text = String(raw).trim();
  if (!text) return null;
  const phone = parsePhoneNumberFromString(text, defaultRegion.toUpperCase() as CountryCode);
  return phone?.isValid() ? phone.number : null;
}

/** What blocklist entries are compared with: the normalized value, and a phone's bare digits. */
export function blocklistForms(value: string): string[] {
  const digits = value.replace(/\D/g, "");
  return digits && digits !== value ? [value.toLowerCase(), digits] : [value.toLowerCase()];
}
