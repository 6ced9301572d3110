import { canSeePersonalData } from "../auth/mask-personal-data";
import type { Role } from "../auth/roles";

/** Rejected rows' original lines hold personal data: roles that may not see it get them blank. */
export function maskRejections<T extends { items: { raw: string }[] }>(page: T, role: Role): T {
  return canSeePersonalData(role) ? page : { ...page, items: page.items.map((r) => ({ ...r, raw: "" })) };
}
