import type { Metadata } from "next";
import { TemplateEditor } from "@/components/templates/template-editor";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { customerDisplayName } from "@/lib/customers/display-name";
import { listCustomers } from "@/lib/customers/list-customers";
import { notFoundOnAppError } from "@/lib/http/not-found.server";
import { listGallery } from "@/lib/templates/gallery";
import { getTemplate } from "@/lib/templates/get-template";

export const metadata: Metadata = { title: "Template" };

/** The editor of one template, opened on its newest version, previewing as the first customer by name. */
export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("viewer");
  const { id } = await params;
  const template = await getTemplate(id).catch(notFoundOnAppError);
  const canEdit = hasRole(user.role, "marketer");
  const first = canEdit ? (await listCustomers({ query: { q: "", sort: "name", page: 1 }, pageSize: 1 })).rows[0] : undefined;
  const latest = template.latest;
  return (
    <>
      <PageHeader
        back={{ href: "/templates", label: "Templates" }}
        title={template.name}
        description={
          template.fromGallery
            ? `Started from the gallery's “${listGallery().find((g) => g.key === template.fromGallery)?.name ?? template.fromGallery}”.`
            : undefined
        }
      />
      <TemplateEditor
        key={template.id}
        templateId={template.id}
        initial={{ subject: latest?.subject ?? "", preheader: latest?.preheader ?? "", mjml: latest?.mjml ?? "" }}
        versionNumber={latest?.number ?? null}
        versionDraft={latest?.draft ?? false}
        currentNumber={template.current?.number ?? null}
        canEdit={canEdit}
        canPreview={canEdit}
        initialCustomer={first ? { id: first.id, name: customerDisplayName(first), email: first.email } : null}
      />
    </>
  );
}
