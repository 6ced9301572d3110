import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { roleLabels } from "@/lib/auth/roles";
import { ChangePasswordForm } from "./_components/change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireRole("viewer");
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${user.email} (${roleLabels[user.role]}).`} />
      <Card className="max-w-xl">
        <CardHeader title="Change password" description="You need your current password. The change is recorded in the audit log." />
        <ChangePasswordForm />
      </Card>
    </>
  );
}
