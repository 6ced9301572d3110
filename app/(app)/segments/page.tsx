import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { listSegments } from "@/lib/segments/list-segments";
import { Sparkline } from "./_components/sparkline";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage() {
  const user = await requireRole("viewer");
  const segments = await listSegments();
  const canEdit = hasRole(user.role, "marketer");
  return (
    <>
      <PageHeader
        title="Segments"
        description="Saved audiences. Membership is stored and kept live: customers enter and leave as they act and as time passes."
        actions={
          <>
            <LinkButton href="/segments/rfm" variant="secondary">
              RFM
            </LinkButton>
            {canEdit ? <LinkButton href="/segments/new">New segment</LinkButton> : null}
          </>
        }
      />
      <Card>
        {segments.length === 0 ? (
          <EmptyState title="No segments yet">
            <p>Build your first audience with conditions on profiles, purchases, events and consent — you see the count as you go.</p>
            {canEdit ? <LinkButton href="/segments/new">New segment</LinkButton> : <p>Ask a marketer or admin to create one.</p>}
            <p>
              Or start from the{" "}
              <Link className="text-indigo-700 underline" href="/segments/rfm">
                RFM grid
              </Link>
              .
            </p>
          </EmptyState>
        ) : (
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2">Segment</th>
                <th className="px-4 py-2 text-right">Customers</th>
                <th className="px-4 py-2">Last 30 days</th>
                <th className="px-4 py-2">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {segments.map((s) => (
                <tr key={s.id}>
                  <td className="px-4 py-2">
                    <Link href={`/segments/${s.id}`} className="font-medium text-indigo-700 hover:underline">
                      {s.name}
                    </Link>
                    {s.description ? <p className="text-xs text-slate-500">{s.description}</p> : null}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{s.memberCount.toLocaleString("en-GB")}</td>
                  <td className="px-4 py-2">
                    <Sparkline points={s.sizes} />
                  </td>
                  <td className="px-4 py-2">
                    {s.buildStatus === "idle" && s.snapshot ? (
                      <Badge tone="neutral">Snapshot: fixed members</Badge>
                    ) : s.buildStatus === "idle" ? (
                      <Badge tone="success">{s.timeBased ? "Live · time-based" : "Live"}</Badge>
                    ) : s.buildStatus === "failed" ? (
                      <Badge tone="danger">Build failed</Badge>
                    ) : (
                      <Badge tone="info">Building {s.buildProgress}%</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
