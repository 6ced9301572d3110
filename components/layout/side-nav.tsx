"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasRole, type Role } from "@/lib/auth/roles";
import { cn } from "../ui/cn";
import {
  ClustersIcon,
  HomeIcon,
  InboxIcon,
  KeyIcon,
  ListIcon,
  MailIcon,
  ModelsIcon,
  SegmentsIcon,
  SendIcon,
  SettingsIcon,
  ShieldIcon,
  UploadIcon,
  UsersIcon,
} from "../ui/icons";
import { isActive, navItems, type NavItem } from "./nav-items";

const icons: Record<NavItem["icon"], typeof HomeIcon> = {
  home: HomeIcon,
  users: UsersIcon,
  upload: UploadIcon,
  settings: SettingsIcon,
  shield: ShieldIcon,
  key: KeyIcon,
  list: ListIcon,
  segments: SegmentsIcon,
  mail: MailIcon,
  inbox: InboxIcon,
  clusters: ClustersIcon,
  models: ModelsIcon,
  send: SendIcon,
};

/** The main navigation; items above the user's role are not shown. */
export function SideNav({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {navItems
        .filter((item) => hasRole(role, item.minRole))
        .map((item) => {
          const Icon = icons[item.icon];
          const active = isActive(pathname, item.href);
          return (
            <Link
              key={item.href}
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition",
                active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              <Icon className={cn("size-5", active ? "text-indigo-600" : "text-slate-600")} />
              {item.label}
            </Link>
          );
        })}
    </nav>
  );
}
