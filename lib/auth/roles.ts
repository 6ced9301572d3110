import type { Role } from "../generated/prisma/enums";

export type { Role };

/** Highest first. Safe to import from the client. */
export const roles = ["admin", "marketer", "viewer"] as const satisfies readonly Role[];

const rank: Record<Role, number> = { admin: 3, marketer: 2, viewer: 1 };

/** True when `role` is `minRole` or above it (admin > marketer > viewer). */
export function hasRole(role: Role, minRole: Role): boolean {
  return rank[role] >= rank[minRole];
}

export const roleLabels: Record<Role, string> = {
  admin: "Admin",
  marketer: "Marketer",
  viewer: "Viewer",
};

/** What each role may do, in a phrase (the confirmation of a role change states it). */
export const roleAbilities: Record<Role, string> = {
  admin: "manage users, consent defaults, erasure and settings, besides everything a marketer does",
  marketer: "import data, build segments, run clusterings and edit templates, besides reading everything",
  viewer: "read pages and reports only, changing nothing",
};
