import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function CustomerNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">404 · Customer not found</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">There is no customer with this ID</h1>
      <p className="mt-3 text-sm text-slate-600">
        The link may be mistyped, or the customer was merged into another profile or erased. Search for them by name, email or ID instead.
      </p>
      <Link href="/customers" className={buttonClasses("primary", "mt-6")}>
        Search customers
      </Link>
    </div>
  );
}
