import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/require-role.server";
import { hasRole } from "@/lib/auth/roles";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { notFoundOnAppError } from "@/lib/http/not-found.server";
import { getImportJob } from "@/lib/imports/get-import-job";
import { listImportRejections } from "@/lib/imports/list-import-rejections";
import { importRejectionsQuerySchema } from "@/lib/imports/schemas";
import { getSettings } from "@/lib/settings/get-settings";
import { ImportDetail } from "./_components/import-detail";
import { RejectionsTable } from "./_components/rejections-table";
import { maskRejections } from "@/lib/imports/mask-rejections";
import { BackLink } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Import" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> };

export default async function ImportPage({ params, searchParams }: Props) {
  const user = await requireRole("viewer");
  const { id } = await params;
  const { page } = importRejectionsQuerySchema.parse(firstValues(await searchParams));
  const job = await getImportJob({ id }).catch(notFoundOnAppError);
  const [settings, rejections] = await Promise.all([getSettings(), listImportRejections({ importJobId: id, page })]);
  return (
    <>
      <BackLink href="/imports">Imports</BackLink>
      <div className="mt-2 space-y-6">
        <ImportDetail initial={job} timeZone={settings.timeZone} canCancel={hasRole(user.role, "marketer")} />
        <RejectionsTable
          importId={id}
          page={page}
          initial={maskRejections(rejections, user.role)}
          canDownload={hasRole(user.role, "marketer")}
        />
      </div>
    </>
  );
}
