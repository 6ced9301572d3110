import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatNumber } from "@/components/format";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { getSettings } from "@/lib/settings/get-settings";
import { CampaignStatusBadge } from "./_components/campaign-status-badge";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const user = await requireRole("viewer");
  const [campaigns, settings] = await Promise.all([listCampaigns(), getSettings()]);
  const canEdit = hasRole(user.role, "marketer");
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Personalized emails to segments: reviewed before sending, sent once per person, with opens, clicks and revenue reported."
        actions={canEdit ? <LinkButton href="/campaigns/new">New campaign</LinkButton> : null}
      />
      <Card>
        {campaigns.length === 0 ? (
          <EmptyState title="No campaigns yet">
            <p>
              A campaign sends a template to one or more segments. You review who will receive it, and a preview for a few of them, before
              anything is sent.
            </p>
            {canEdit ? <LinkButton href="/campaigns/new">New campaign</LinkButton> : <p>Ask a marketer or admin to create one.</p>}
          </EmptyState>
        ) : (
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2">Campaign</th>
                <th className="px-4 py-2">Status</th>
                <th className="px-4 py-2 text-right">Sent</th>
                <th className="px-4 py-2 text-right">Skipped</th>
                <th className="px-4 py-2 text-right">Failed</th>
                <th className="w-48 px-4 py-2">Progress</th>
                <th className="px-4 py-2">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {campaigns.map((c) => {
                const total = c.sent + c.failed + c.skipped + c.remaining;
                return (
                  <tr key={c.id}>
                    <td className="px-4 py-2">
                      <Link href={`/campaigns/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                        {c.name}
                      </Link>
                      <p className="text-xs text-slate-500">{c.template?.name ?? "Template deleted"}</p>
                    </td>
                    <td className="px-4 py-2">
                      <CampaignStatusBadge status={c.status} />
                    </td>
                    <td className="px-4 py-2 text-right tabular-nums">{formatNumber(c.sent)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{formatNumber(c.skipped)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{formatNumber(c.failed)}</td>
                    <td className="px-4 py-2">
                      {total > 0 ? (
                        <ProgressBar value={(100 * (total - c.remaining)) / total} label={`${c.name} progress`} />
                      ) : (
                        <span className="text-xs text-slate-400">Not sent</span>
                      )}
                    </td>
                    <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDateTime(c.createdAt, settings.timeZone)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
