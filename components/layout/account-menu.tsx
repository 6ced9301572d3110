"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleLabels, type Role } from "@/lib/auth/roles";
import { KeyIcon, LogoutIcon } from "../ui/icons";

/** The signed-in user's email and role, a link to change the password, and sign out. */
export function AccountMenu({ email, role, onNavigate }: { email: string; role: Role; onNavigate?: () => void }) {
  const [signingOut, setSigningOut] = useState(false);
  const router = useRouter();
  return (
    <div className="border-t border-slate-200 pt-4">
      <div className="flex items-center gap-3 px-3">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-700 uppercase">
          {email.slice(0, 1)}
        </span>
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-slate-900" title={email}>
            {email}
          </p>
          <p className="text-xs text-slate-500">{roleLabels[role]}</p>
        </div>
      </div>
      <div className="mt-3 flex flex-col gap-1">
        <Link
          href="/account"
          onClick={onNavigate}
          className="flex items-center gap-3 rounded-lg px-3 py-2 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        >
          <KeyIcon className="size-5 text-slate-600" />
          Change password
        </Link>
        <button
          type="button"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            // Navigate ourselves: NextAuth's redirect URL depends on NEXTAUTH_URL matching this host.
            void signOut({ redirect: false }).then(
              () => {
                router.replace("/login?signedOut=1");
                router.refresh();
              },
              () => setSigningOut(false),
            );
          }}
          className="flex items-center gap-3 rounded-lg px-3 py-2 text-left text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-60"
        >
          <LogoutIcon className="size-5 text-slate-600" />
          {signingOut ? "Signing out…" : "Sign out"}
        </button>
      </div>
    </div>
  );
}
