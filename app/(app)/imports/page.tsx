import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { listImportJobs } from "@/lib/imports/list-import-jobs";
import { importListQuerySchema } from "@/lib/imports/schemas";
import { getSettings } from "@/lib/settings/get-settings";
import { ImportList } from "./_components/import-list";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireRole("viewer");
  const { page } = importListQuerySchema.parse(firstValues(await searchParams));
  const [settings, initial] = await Promise.all([getSettings(), listImportJobs({ page })]);
  return (
    <>
      <PageHeader title="Imports" description="Every data import with its progress, counts and rejected rows. Running imports update live." />
      <ImportList page={page} initial={initial} timeZone={settings.timeZone} />
    </>
  );
}
