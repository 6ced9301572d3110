"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import type { Role } from "@/lib/auth/roles";
import { CloseIcon, MenuIcon } from "../ui/icons";
import { AccountMenu } from "./account-menu";
import { SideNav } from "./side-nav";

interface AppShellProps {
  user: { email: string; role: Role };
  organisationName: string;
  children: ReactNode;
}

/** Left navigation on wide screens, a top bar with a slide-in menu on small ones. */
export function AppShell({ user, organisationName, children }: AppShellProps) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  const sidebar = (
    <div className="flex h-full flex-col gap-6 px-4 py-5">
      <Brand organisationName={organisationName} />
      <div className="flex-1">
        <SideNav role={user.role} onNavigate={close} />
      </div>
      <AccountMenu email={user.email} role={user.role} onNavigate={close} />
    </div>
  );
  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-semibold text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      {/* The panel spans the page's whole height (however long), its contents stay in view. */}
      <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-white lg:block" aria-label="Sidebar">
        <div className="sticky top-0 h-screen overflow-y-auto">{sidebar}</div>
      </aside>
      <div className="sticky top-0 z-30 flex items-center justify-between border-b border-slate-200 bg-white/90 px-4 py-3 backdrop-blur lg:hidden">
        <Brand organisationName={organisationName} />
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="rounded-md p-2 text-slate-600 hover:bg-slate-100"
          aria-label="Open menu"
        >
          <MenuIcon className="size-6" />
        </button>
      </div>
      {open ? (
        <div className="fixed inset-0 z-40 lg:hidden" role="dialog" aria-modal="true" aria-label="Menu">
          <div className="absolute inset-0 bg-slate-900/40" onClick={close} />
          <div className="absolute inset-y-0 left-0 w-72 max-w-[85%] bg-white shadow-xl">
            <button
              type="button"
              onClick={close}
              className="absolute top-4 right-3 rounded-md p-2 text-slate-500 hover:bg-slate-100"
              aria-label="Close menu"
            >
              <CloseIcon className="size-5" />
            </button>
            {sidebar}
          </div>
        </div>
      ) : null}
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 outline-none">
        <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">{children}</div>
      </main>
    </div>
  );
}

function Brand({ organisationName }: { organisationName: string }) {
  return (
    <Link href="/" className="flex items-center gap-2.5 px-1">
      <span className="flex size-8 items-center justify-center rounded-lg bg-indigo-600 text-sm font-bold text-white">T</span>
      <span className="min-w-0 leading-tight">
        <span className="block text-sm font-semibold text-slate-900">Tailor</span>
        <span className="block truncate text-xs text-slate-600">{organisationName}</span>
      </span>
    </Link>
  );
}
