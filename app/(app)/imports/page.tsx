import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { listImportJobs } from "@/lib/imports/list-import-jobs";
import { importListQuerySchema } from "@/lib/imports/schemas";
import { getSettings } from "@/lib/settings/get-settings";
import { ImportList } from "./_components/import-list";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireRole("viewer");
  const { page } = importListQuerySchema.parse(firstValues(await searchParams));
  const [settings, initial] = await Promise.all([getSettings(), listImportJobs({ page })]);
  return (
    <>
      <PageHeader
        title="Imports"
        description="Every data import with who ran it, its progress, counts and rejected rows. Running imports update live."
        actions={hasRole(user.role, "marketer") ? <LinkButton href="/imports/new">Import a file</LinkButton> : undefined}
      />
      <ImportList page={page} initial={initial} timeZone={settings.timeZone} canImport={hasRole(user.role, "marketer")} />
    </>
  );
}
