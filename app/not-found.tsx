import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">There is no page at this address</h1>
      <p className="mt-3 max-w-md text-sm text-slate-600">Check the link for typos, or start again from the dashboard.</p>
      <Link href="/" className={buttonClasses("primary", "mt-6")}>
        Go to the dashboard
      </Link>
    </div>
  );
}
