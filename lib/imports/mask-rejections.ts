import { canSeePersonalData, maskForRole } from "../auth/mask-personal-data";
import type { Role } from "../auth/roles";

/**
 * Rejected rows' original lines hold personal data: roles that may not see it get them blank, and
 * the reasons (which may quote an address) masked.
 */
export function maskRejections<T extends { items: { raw: string }[] }>(page: T, role: Role): T {
  return canSeePersonalData(role) ? page : maskForRole({ ...page, items: page.items.map((r) => ({ ...r, raw: "" })) }, role);
}
