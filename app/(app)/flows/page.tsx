import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { listFlows } from "@/lib/flows/list-flows";
import { STARTER_KEYS, starterFlows } from "@/lib/flows/starter-flows";
import { listSegments } from "@/lib/segments/list-segments";
import { getSettings } from "@/lib/settings/get-settings";
import { NewFlowForm } from "./_components/new-flow-form";
import { StarterButtons } from "./_components/starter-buttons";
import { flowStatusTone } from "./_components/flow-status";

export const metadata: Metadata = { title: "Flows" };

export default async function FlowsPage() {
  const user = await requireRole("viewer");
  const [flows, settings, segments] = await Promise.all([listFlows(), getSettings(), listSegments()]);
  const canEdit = hasRole(user.role, "marketer");
  const starters = STARTER_KEYS.map((key) => ({ key, ...starterFlows[key] }));
  return (
    <>
      <PageHeader
        title="Flows"
        description="Emails that react to what a person just did: a flow starts on an event or a segment entry, waits, branches and sends — consent, suppression and the frequency cap apply."
      />
      <Card>
        {flows.length === 0 ? (
          <EmptyState title="No flows yet">
            <p>
              Start from one of the starters below (or from scratch), adapt its trigger, steps and exits, and switch it on. People enter it
              from then on.
            </p>
            {canEdit ? null : <p>Ask a marketer or admin to create one.</p>}
          </EmptyState>
        ) : (
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2">Flow</th>
                <th className="px-4 py-2">Status</th>
                <th className="px-4 py-2 text-right">In it now</th>
                <th className="px-4 py-2 text-right">Entered</th>
                <th className="px-4 py-2 text-right">Emails sent</th>
                <th className="px-4 py-2">Updated</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {flows.map((f) => (
                <tr key={f.id}>
                  <td className="px-4 py-2">
                    <Link href={`/flows/${f.id}`} className="font-medium text-indigo-700 hover:underline">
                      {f.name}
                    </Link>
                    <p className="text-xs text-slate-500">{f.triggerLabel}</p>
                  </td>
                  <td className="px-4 py-2">
                    <Badge tone={flowStatusTone(f.status)}>{f.status === "active" ? "live" : f.status}</Badge>
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatNumber(f.active)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatNumber(f.entered)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatNumber(f.sent)}</td>
                  <td className="px-4 py-2 text-slate-600">{formatDateTime(f.updatedAt, settings.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {canEdit ? (
        <section className="mt-6 space-y-3">
          <h2 className="text-base font-semibold text-slate-900">Start from a starter flow</h2>
          <StarterButtons starters={starters} />
          <h2 className="pt-3 text-base font-semibold text-slate-900">Or start from scratch</h2>
          <NewFlowForm segments={segments.map((s) => ({ id: s.id, name: s.name, memberCount: s.memberCount }))} />
        </section>
      ) : null}
    </>
  );
}
