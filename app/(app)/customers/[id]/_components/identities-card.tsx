import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { CustomerProfile } from "@/lib/customers/get-customer";

const typeLabel = { email: "Email", phone: "Phone", external_id: "External ID", anonymous_id: "Anonymous ID" } as const;

/** Every identifier that resolves to this customer: type, source and value. */
export function IdentitiesCard({ identities }: { identities: CustomerProfile["identities"] }) {
  return (
    <Card>
      <CardHeader title="Identities" description="Identifiers that resolve to this customer." />
      {identities.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">No identities recorded; imports add them (email, phone, external IDs).</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {identities.map((i) => (
            <li key={i.id} className="px-5 py-2.5">
              <div className="flex items-center gap-2">
                <Badge>{typeLabel[i.type]}</Badge>
                {i.source ? <span className="text-xs text-slate-500">source: {i.source}</span> : null}
              </div>
              <p className="mt-1 font-mono text-xs break-all text-slate-900">{i.value}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
