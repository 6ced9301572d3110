import type { Metadata } from "next";
import Link from "next/link";
import { CsvUploadForm } from "@/components/forms/csv-upload-form";
import { Card, CardBody } from "@/components/ui/card";
import { Command } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { importConsentAction } from "./actions";

export const metadata: Metadata = { title: "Import consent" };

export default async function ImportConsentPage() {
  await requireRole("marketer");
  return (
    <>
      <Link href="/imports" className="text-sm font-medium text-indigo-600 hover:underline">
        ← Imports
      </Link>
      <div className="mt-2">
        <PageHeader
          title="Import consent"
          description="Append consent records from another system. Existing records are never changed; a row already held is not added twice."
        />
      </div>
      <Card className="max-w-3xl">
        <CardBody className="space-y-5">
          <div className="space-y-2 text-sm text-slate-600">
            <p>
              One row per consent event. Columns: <code>email</code> (or <code>customer_id</code>), <code>purpose</code> (email_marketing,
              personalization, or one an admin added), <code>status</code> (granted, denied, withdrawn), <code>occurred_at</code> (ISO 8601
              with a zone), and optionally <code>ip</code>, <code>user_agent</code>, <code>wording</code> (the text or form version the
              person saw).
            </p>
            <Command>
              {"email,purpose,status,occurred_at,wording\nanna@example.com,email_marketing,granted,2024-03-01T10:15:00Z,Checkout box v3"}
            </Command>
            <p>
              Grants of email marketing for an address on the suppression list (unsubscribed, bounced, complained, erased) are refused and
              listed.
            </p>
          </div>
          <CsvUploadForm
            action={importConsentAction}
            label="Consent CSV"
            hint="UTF-8, comma-separated, header row first; up to 900 KB per file."
            allowDryRun
          />
        </CardBody>
      </Card>
    </>
  );
}
