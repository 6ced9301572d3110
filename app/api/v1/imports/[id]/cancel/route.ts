import { withRole } from "@/lib/auth/with-role.server";
import { cancelImport } from "@/lib/imports/cancel-import";

/** POST /api/v1/imports/:id/cancel — stops a queued or running import (a running one rolls back). */
export const POST = withRole<{ id: string }>("marketer", async (_request, { params, user }) => {
  const { id } = await params;
  return Response.json(await cancelImport({ id, actor: { id: user.id, label: user.email } }));
});
