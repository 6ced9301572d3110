import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** Shown when requireRole finds the user's role too low for the page. */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">403 · Not allowed</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Your role cannot open this page</h1>
      <p className="mt-3 text-sm text-slate-600">
        This page needs a higher role than yours (admin &gt; marketer &gt; viewer). Ask an admin of this Tailor installation to change your
        role, or go back to the dashboard.
      </p>
      <Link href="/" className={buttonClasses("primary", "mt-6")}>
        Back to the dashboard
      </Link>
    </div>
  );
}
