import type { Metadata } from "next";
import { formatDate } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { listUsers } from "@/lib/users/list-users";
import { getSettings } from "@/lib/settings/get-settings";
import { InviteUserForm } from "./_components/invite-user-form";
import { UserControls } from "./_components/user-controls";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireRole("admin");
  const [users, { timeZone }] = await Promise.all([listUsers(), getSettings()]);
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, and what they may do. Admins manage everything; marketers import, segment and send; viewers read with emails and phones masked."
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card className="min-w-0 xl:col-span-2">
          <CardHeader title={`${users.filter((u) => !u.deactivatedAt).length} active users`} />
          <DataTable columns={["User", "Role", "Since", { label: "Access", align: "right" }]}>
            {users.map((u) => (
              <tr key={u.id} className={u.deactivatedAt ? "text-slate-600" : undefined}>
                <td className="px-5 py-2">
                  <p className="font-medium">{u.email}</p>
                  {u.name ? <p className="text-xs text-slate-500">{u.name}</p> : null}
                </td>
                <td className="px-5 py-2" colSpan={1}>
                  <UserControls userId={u.id} email={u.email} role={u.role} active={!u.deactivatedAt} isMe={u.id === me.id} part="role" />
                </td>
                <td className="px-5 py-2">{formatDate(u.createdAt, timeZone)}</td>
                <td className="px-5 py-2 text-right">
                  {u.deactivatedAt ? <Badge>deactivated {formatDate(u.deactivatedAt, timeZone)}</Badge> : null}{" "}
                  <UserControls userId={u.id} email={u.email} role={u.role} active={!u.deactivatedAt} isMe={u.id === me.id} part="active" />
                </td>
              </tr>
            ))}
          </DataTable>
        </Card>
        <Card className="min-w-0">
          <CardHeader
            title="Invite a user"
            description="Tailor shows a one-time password to hand over; they change it on their Account page."
          />
          <InviteUserForm />
        </Card>
      </div>
    </>
  );
}
