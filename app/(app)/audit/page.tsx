import type { Metadata } from "next";
import { formatDateTime } from "@/components/format";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { requireRole } from "@/lib/auth/require-role.server";
import { firstValues, toQueryString, type RawSearchParams } from "@/lib/http/search-params";
import { getSettings } from "@/lib/settings/get-settings";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<RawSearchParams> };

const input = "block w-full rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-slate-300 ring-inset";

export default async function AuditPage({ searchParams }: Props) {
  await requireRole("admin");
  const raw = firstValues(await searchParams);
  const query = auditQuerySchema.parse(raw);
  const [{ rows, page, actions }, { timeZone }] = await Promise.all([listAuditLog({ query }), getSettings()]);
  const keep = {
    actor: query.actor,
    action: query.action,
    targetType: query.targetType,
    targetId: query.targetId,
    from: raw.from,
    to: raw.to,
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in Tailor, by whom and when. Entries are never edited or deleted; erasure only blanks the personal data in them."
      />
      <Card className="mb-4 p-4">
        <form method="get" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-7" aria-label="Filter the audit log">
          <label className="text-xs text-slate-600">
            Actor
            <input name="actor" defaultValue={query.actor ?? ""} placeholder="email, cli, system" className={input} />
          </label>
          <label className="text-xs text-slate-600">
            Action
            <input name="action" list="audit-actions" defaultValue={query.action ?? ""} placeholder="consent.record" className={input} />
          </label>
          <label className="text-xs text-slate-600">
            Target type
            <input name="targetType" defaultValue={query.targetType ?? ""} placeholder="customer" className={input} />
          </label>
          <label className="text-xs text-slate-600">
            Target id
            <input name="targetId" defaultValue={query.targetId ?? ""} className={input} />
          </label>
          <label className="text-xs text-slate-600">
            From (UTC day)
            <input name="from" type="date" defaultValue={raw.from ?? ""} className={input} />
          </label>
          <label className="text-xs text-slate-600">
            To (UTC day)
            <input name="to" type="date" defaultValue={raw.to ?? ""} className={input} />
          </label>
          <div className="flex items-end gap-2">
            <button className={buttonClasses("primary")}>Filter</button>
            <a href="/audit" className={buttonClasses("ghost")}>
              Clear
            </a>
          </div>
          <datalist id="audit-actions">
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </form>
      </Card>
      <Card>
        {rows.length === 0 ? (
          <EmptyState title="No entries match">
            <p>Clear a filter or widen the dates. Every change — settings, imports, consent, users — appears here as it happens.</p>
          </EmptyState>
        ) : (
          <DataTable columns={["When", "Actor", "Action", "Target", "Change"]} bodyClassName="align-top" label="Audit log entries">
            {rows.map((r) => (
              <tr key={String(r.id)}>
                <td className="px-5 py-2 whitespace-nowrap text-slate-600">{formatDateTime(r.createdAt, timeZone)}</td>
                <td className="px-5 py-2">{r.actorLabel}</td>
                <td className="px-5 py-2 font-mono text-xs">{r.action}</td>
                <td className="px-5 py-2 whitespace-nowrap">
                  {r.targetType}
                  {r.targetId ? ` #${r.targetId}` : ""}
                </td>
                <td className="max-w-md px-5 py-2 font-mono text-xs break-all text-slate-600">
                  {r.before != null ? <div>before: {JSON.stringify(r.before)}</div> : null}
                  {r.after != null ? <div>after: {JSON.stringify(r.after)}</div> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pagination {...page} noun="entries" hrefFor={(p) => `/audit${toQueryString({ ...keep, page: p > 1 ? p : undefined })}`} />
      </Card>
    </>
  );
}
