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
