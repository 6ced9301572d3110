import { formatDateTime } from "@/components/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { ConsentState } from "@/lib/customers/get-customer-consents";

const statusTone: Record<NonNullable<ConsentState["status"]>, BadgeTone> = { granted: "success", denied: "danger", withdrawn: "warning" };

/** Current consent per purpose: the latest record of each, else the purpose's default (said so). */
export function ConsentCard({ consents, timeZone }: { consents: ConsentState[]; timeZone: string }) {
  return (
    <Card>
      <CardHeader title="Consent" description="Current status per purpose: the latest record, or the purpose's default without one." />
      <ul className="divide-y divide-slate-100 text-sm">
        {consents.map((c) => (
          <li key={c.purpose} className="flex items-start justify-between gap-3 px-5 py-2.5">
            <div>
              <p className="font-medium text-slate-900">{c.label}</p>
              <p className="text-xs text-slate-500">
                {c.status
                  ? `${c.source ?? ""} · ${formatDateTime(c.occurredAt, timeZone)}`
                  : c.allowed
                    ? "No record: allowed by default until the person objects."
                    : "No record: not allowed until the person grants it."}
              </p>
            </div>
            {c.status ? (
              <Badge tone={statusTone[c.status]}>{c.status}</Badge>
            ) : (
              <Badge tone={c.allowed ? "success" : undefined}>{c.allowed ? "allowed (default)" : "no record"}</Badge>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
