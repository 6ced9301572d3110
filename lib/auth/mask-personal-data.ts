import { personalDataRoles } from "./route-policy";
import type { Role } from "./roles";

/** "anna.smith@example.com" → "a•••@e•••.com": recognisable shape, no address. Safe on the client. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  const dot = domain.lastIndexOf(".");
  const tld = dot > 0 ? domain.slice(dot) : "";
  return `${local.slice(0, 1)}•••@${domain.slice(0, 1)}•••${tld}`;
}

/** "+44 7700 900123" → "•••123". */
export function maskPhone(phone: string): string {
  return `•••${phone.replace(/\D/g, "").slice(-3)}`;
}

export function canSeePersonalData(role: Role): boolean {
  return personalDataRoles.includes(role);
}

/** The row with `email` and `phone` masked unless the role may see personal data (viewers may not). */
export function maskPersonalData<T extends { email?: string | null; phone?: string | null }>(row: T, role: Role): T {
  if (canSeePersonalData(role)) return row;
  return { ...row, ...(row.email ? { email: maskEmail(row.email) } : {}), ...(row.phone ? { phone: maskPhone(row.phone) } : {}) };
}

/** Identities with email and phone values masked for roles that may not see personal data. */
export function maskIdentities<T extends { type: string; value: string }>(identities: T[], role: Role): T[] {
  if (canSeePersonalData(role)) return identities;
  return identities.map((i) =>
    i.type === "email" ? { ...i, value: maskEmail(i.value) } : i.type === "phone" ? { ...i, value: maskPhone(i.value) } : i,
  );
}

// Emails anywhere in a text, and phone numbers written internationally (+44 7700 900123) or as
// national numbers with a leading 0 and 9+ digits: what identifiers, reasons and values hold.
const emailInText = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:.]+/g;
const phoneInText = /(?:\+\d|\b0\d)[\d\s().-]{7,}\d/g;

/** A free text with every email and phone number in it masked ("anna@example.com" → "a•••@e•••.com"). */
export function maskPersonalText(text: string): string {
  return text.replace(emailInText, maskEmail).replace(phoneInText, (m) => (m.replace(/\D/g, "").length >= 9 ? maskPhone(m) : m));
}

/**
 * The one masking of what a viewer reads: every string inside `value` (objects and arrays walked,
 * dates and other values kept) with its emails and phone numbers masked, unless the role may see
 * personal data. Used wherever personal data reaches a viewer in free form: segment value
 * suggestions, membership explanations, the profile's merges and flags, import rejection reasons.
 */
export function maskForRole<T>(value: T, role: Role): T {
  if (canSeePersonalData(role)) return value;
  return maskDeep(value) as T;
}

function maskDeep(value: unknown): unknown {
  if (typeof value === "string") return maskPersonalText(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  }
  return value;
}
