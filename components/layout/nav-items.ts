import type { Role } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  icon: "home" | "users" | "upload" | "settings" | "segments";
  minRole: Role;
}

export const navItems: NavItem[] = [
  { href: "/", label: "Dashboard", icon: "home", minRole: "viewer" },
  { href: "/customers", label: "Customers", icon: "users", minRole: "viewer" },
  { href: "/segments", label: "Segments", icon: "segments", minRole: "viewer" },
  { href: "/imports", label: "Imports", icon: "upload", minRole: "viewer" },
  { href: "/settings", label: "Settings", icon: "settings", minRole: "admin" },
];

export function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
