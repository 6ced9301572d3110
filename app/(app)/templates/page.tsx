import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/format";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { getSettings } from "@/lib/settings/get-settings";
import { listGallery } from "@/lib/templates/gallery";
import { listTemplates } from "@/lib/templates/list-templates";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const user = await requireRole("viewer");
  const [templates, { timeZone }] = await Promise.all([listTemplates(), getSettings()]);
  const canEdit = hasRole(user.role, "marketer");
  const galleryName = new Map(listGallery().map((g) => [g.key as string, g.name]));
  const newButton = canEdit ? <LinkButton href="/templates/new">New template</LinkButton> : null;
  return (
    <>
      <PageHeader
        title="Templates"
        description="Emails written once in MJML and Liquid that read differently for each customer. Every save is a version."
        actions={newButton}
      />
      <Card>
        {templates.length === 0 ? (
          <EmptyState title="No templates yet">
            <p>
              Start from the gallery (welcome, newsletter with a product grid, abandoned cart, win-back, VIP offer) or from a blank page,
              then preview it as any customer.
            </p>
            {canEdit ? newButton : <p>Ask a marketer or admin to create one.</p>}
          </EmptyState>
        ) : (
          <DataTable columns={["Template", "Subject", { label: "Versions", align: "right" }, "Current version", "Last saved"]}>
            {templates.map((t) => (
              <tr key={t.id}>
                <td className="px-5 py-2">
                  <Link href={`/templates/${t.id}`} className="font-medium text-indigo-700 hover:underline">
                    {t.name}
                  </Link>
                  {t.fromGallery ? (
                    <p className="text-xs text-slate-500">From the gallery: {galleryName.get(t.fromGallery) ?? t.fromGallery}</p>
                  ) : null}
                </td>
                <td className="max-w-md truncate px-5 py-2 font-mono text-xs text-slate-600">{t.latest?.subject ?? ""}</td>
                <td className="px-5 py-2 text-right tabular-nums">{t.versions}</td>
                <td className="px-5 py-2 text-sm">
                  {t.current ? <span className="tabular-nums">Version {t.current}</span> : <Badge tone="warning">None: only drafts</Badge>}
                  {t.current && t.latest?.draft ? (
                    <span className="ml-2">
                      <Badge tone="warning">Newer draft</Badge>
                    </span>
                  ) : null}
                </td>
                <td className="px-5 py-2 text-slate-600">{formatDateTime(t.updatedAt, timeZone)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
