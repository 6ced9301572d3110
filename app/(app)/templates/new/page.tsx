import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { listGallery } from "@/lib/templates/gallery";
import { NewTemplateForm } from "../_components/new-template-form";

export const metadata: Metadata = { title: "New template" };

/** /templates/new, or /templates/new?gallery=newsletter to preselect a gallery entry. */
export default async function NewTemplatePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireRole("marketer");
  const { gallery: wanted } = firstValues(await searchParams);
  const gallery = listGallery().map((g) => ({ key: g.key, name: g.name, description: g.description }));
  const initialKey = gallery.some((g) => g.key === wanted) ? String(wanted) : (gallery[0]?.key ?? "");
  return (
    <>
      <PageHeader
        back={{ href: "/templates", label: "Templates" }}
        title="New template"
        description="Gallery templates use personalization, conditional blocks and loops, and render well on phones. Change anything afterwards."
      />
      <NewTemplateForm gallery={gallery} initialKey={initialKey} />
    </>
  );
}
