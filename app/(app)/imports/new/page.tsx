import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { UploadWizard } from "./_components/upload-wizard";

export const metadata: Metadata = { title: "Import a file" };

export default async function NewImportPage() {
  await requireRole("marketer");
  return (
    <>
      <PageHeader
        title="Import a file"
        description="Upload the file your current tool exports, as it is. Tailor tells you exactly which rows it could not read, and never stores a row twice."
      />
      <UploadWizard />
    </>
  );
}
