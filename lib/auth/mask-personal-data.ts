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
