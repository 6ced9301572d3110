import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Command } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";

export const metadata: Metadata = { title: "Import consent" };

export default async function ImportConsentPage() {
  await requireRole("marketer");
  return (
    <>
      <PageHeader
        back={{ href: "/imports", label: "Imports" }}
        title="Import consent"
        description="Append consent records from another system. Existing records are never changed; a row already held is not added twice."
      />
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
          <LinkButton href="/imports/new?kind=consent">Upload a consent file</LinkButton>
          <p className="text-sm text-slate-600">
            The file is checked row by row by the worker, with progress; rejected rows are listed with their field and can be downloaded.
            Tick “Check only” on the next page to count without saving.
          </p>
        </CardBody>
      </Card>
    </>
  );
}
