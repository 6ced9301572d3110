import { formatDate } from "@/components/format";
import { Card, CardHeader } from "@/components/ui/card";
import type { CustomerProfile } from "@/lib/customers/get-customer";
import { countryName } from "@/lib/customers/countries";

/** The customer's columns and free-form attributes (traits). */
export function AttributesCard({ customer, timeZone }: { customer: CustomerProfile; timeZone: string }) {
  const columns: [string, string | null][] = [
    ["First name", customer.firstName],
    ["Last name", customer.lastName],
    ["Email", customer.email],
    ["Phone", customer.phone],
    ["City", customer.city],
    ["Country", customer.country ? countryName(customer.country) : null],
    ["First seen", formatDate(customer.firstSeenAt, timeZone)],
    ["Last seen", formatDate(customer.lastSeenAt, timeZone)],
    ["In Tailor since", formatDate(customer.createdAt, timeZone)],
  ];
  const traits = isRecord(customer.attributes) ? Object.entries(customer.attributes) : [];
  return (
    <Card>
      <CardHeader title="Attributes" />
      <dl className="divide-y divide-slate-100 text-sm">
        {[...columns, ...traits.map(([k, v]): [string, string] => [humanizeKey(k), typeof v === "string" ? v : JSON.stringify(v)])].map(
          ([label, value]) => (
            <div key={label} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3 px-5 py-2">
              <dt className="break-words text-slate-500">{label}</dt>
              <dd className="break-words text-slate-900">{value || <span className="text-slate-600">—</span>}</dd>
            </div>
          ),
        )}
      </dl>
      {traits.length === 0 ? (
        <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">No other attributes recorded.</p>
      ) : null}
    </Card>
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** "favouriteCategory" or "loyalty_tier" → "Favourite category", "Loyalty tier". */
function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
