import Link from "next/link";
import { formatDateTime, plural } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { CustomerMerges } from "@/lib/identity/list-customer-merges";
import { UndoMergeButton } from "./undo-merge-button";

const typeLabel: Record<string, string> = { email: "email", phone: "phone", external_id: "external id", anonymous_id: "anonymous id" };

/** Which profiles were folded into this one (who, when, on which identifier), and identifiers kept apart. */
export function MergesCard({
  customerId,
  data,
  canUndo,
  timeZone,
}: {
  customerId: number;
  data: CustomerMerges;
  canUndo: boolean;
  timeZone: string;
}) {
  const { merges, flags } = data;
  return (
    <Card>
      <CardHeader title="Merges" description="Profiles folded into this one because they share an identifier." />
      {merges.length === 0 && flags.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">
          No merges. When another profile turns out to share an identifier with this one, the merge shows here and an admin can undo it.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {merges.map((m) => (
            <li key={m.id} className="space-y-1 px-5 py-3" data-testid="merge-row">
              <div className="flex flex-wrap items-center gap-2">
                {m.undoneAt ? <Badge tone="neutral">Undone</Badge> : <Badge tone="info">Merged</Badge>}
                <span className="text-slate-900">
                  {m.survivorId === customerId ? (
                    <>
                      Customer{" "}
                      {m.undoneAt ? (
                        <Link className="font-medium text-indigo-600 hover:underline" href={`/customers/${m.mergedId}`}>
                          #{m.mergedId}
                        </Link>
                      ) : (
                        `#${m.mergedId}`
                      )}{" "}
                      merged into this profile
                    </>
                  ) : (
                    <>
                      This profile was merged into{" "}
                      <Link className="font-medium text-indigo-600 hover:underline" href={`/customers/${m.survivorId}`}>
                        #{m.survivorId}
                      </Link>
                    </>
                  )}
                </span>
              </div>
              <p className="text-xs text-slate-500">
                On {typeLabel[m.identifierType] ?? m.identifierType}{" "}
                <span className="font-mono break-all text-slate-700">{m.identifierValue}</span>
                {m.identifierSource ? ` (${m.identifierSource})` : ""} · by {m.actorLabel} · {formatDateTime(m.createdAt, timeZone)} ·{" "}
                {plural(m.movedEvents, "event")}, {plural(m.movedIdentities, "identity", "identities")} moved
              </p>
              {m.undoneAt ? (
                <p className="text-xs text-slate-500">
                  Undone by {m.undoneBy} · {formatDateTime(m.undoneAt, timeZone)}
                </p>
              ) : canUndo && m.survivorId === customerId ? (
                <UndoMergeButton mergeId={m.id} mergedId={m.mergedId} />
              ) : null}
            </li>
          ))}
          {flags.map((f) => (
            <li key={`flag-${f.id}`} className="space-y-1 px-5 py-3">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={flagLabel[f.kind].tone}>{flagLabel[f.kind].label}</Badge>
                <span className="font-mono text-xs break-all text-slate-700">{f.value}</span>
              </div>
              <p className="text-xs text-slate-500">
                {f.detail} Profiles: {f.customerIds.map((id) => `#${id}`).join(", ")} · seen {plural(f.count, "time")} · last{" "}
                {formatDateTime(f.updatedAt, timeZone)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

const flagLabel: Record<CustomerMerges["flags"][number]["kind"], { label: string; tone: "warning" | "danger" }> = {
  conflict: { label: "Kept apart", tone: "warning" },
  junk: { label: "Junk identifier", tone: "danger" },
  unverified_identify: { label: "Unverified identify", tone: "danger" },
  ignored_consent: { label: "Consent ignored", tone: "warning" },
};
