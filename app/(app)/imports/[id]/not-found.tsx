import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function ImportNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">404 · Import not found</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">There is no import with this ID</h1>
      <p className="mt-3 text-sm text-slate-600">The link may be mistyped. Pick the import from the list instead.</p>
      <Link href="/imports" className={buttonClasses("primary", "mt-6")}>
        All imports
      </Link>
    </div>
  );
}
