import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** 403 outside the app shell (inside it, app/(app)/forbidden.tsx renders). */
export default function Forbidden() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-indigo-600">403 · Not allowed</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Your role cannot open this page</h1>
      <p className="mt-3 max-w-md text-sm text-slate-600">
        Ask an admin of this Tailor installation to change your role, or go back to the dashboard.
      </p>
      <Link href="/" className={buttonClasses("primary", "mt-6")}>
        Back to the dashboard
      </Link>
    </div>
  );
}
