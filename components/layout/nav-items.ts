import type { Role } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  icon:
    "home" | "users" | "upload" | "settings" | "shield" | "key" | "list" | "segments" | "mail" | "inbox" | "clusters" | "models" | "send";
  minRole: Role;
}

export const navItems: NavItem[] = [
  { href: "/", label: "Dashboard", icon: "home", minRole: "viewer" },
  { href: "/customers", label: "Customers", icon: "users", minRole: "viewer" },
  { href: "/segments", label: "Segments", icon: "segments", minRole: "viewer" },
  { href: "/templates", label: "Templates", icon: "mail", minRole: "viewer" },
  { href: "/campaigns", label: "Campaigns", icon: "send", minRole: "viewer" },
  { href: "/flows", label: "Flows", icon: "send", minRole: "viewer" },
  { href: "/clusters", label: "Clusters", icon: "clusters", minRole: "viewer" },
  { href: "/models", label: "Models", icon: "models", minRole: "viewer" },
  { href: "/imports", label: "Imports", icon: "upload", minRole: "viewer" },
  { href: "/outbox", label: "Outbox", icon: "inbox", minRole: "marketer" },
  { href: "/privacy", label: "Privacy", icon: "shield", minRole: "admin" },
  { href: "/users", label: "Users", icon: "users", minRole: "admin" },
  { href: "/audit", label: "Audit log", icon: "list", minRole: "admin" },
  { href: "/api-keys", label: "API keys", icon: "key", minRole: "admin" },
  { href: "/settings", label: "Settings", icon: "settings", minRole: "admin" },
];

export function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
