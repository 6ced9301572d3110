import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { importKindSchema } from "@/lib/imports/format-schemas";
import { UploadWizard } from "./_components/upload-wizard";

export const metadata: Metadata = { title: "Import a file" };

export default async function NewImportPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  await requireRole("marketer");
  // Pages that send the user here for one kind of file (consent, suppressions) name it: ?kind=consent.
  const kind = importKindSchema.safeParse((await searchParams).kind);
  return (
    <>
      <PageHeader
        title="Import a file"
        description="Upload the file your current tool exports, as it is. Tailor tells you exactly which rows it could not read, and never stores a row twice."
      />
      <UploadWizard initialKind={kind.success ? kind.data : undefined} />
    </>
  );
}
