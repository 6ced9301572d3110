import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { cancelClusterRun } from "@/lib/clustering/runs/cancel-cluster-run";

/** POST /api/v1/clusters/runs/:id/cancel — stops a queued or running run; nothing is saved. */
export const POST = withRole<{ id: string }>("marketer", async (_request, { params, user }) => {
  const { id } = await params;
  return Response.json(await cancelClusterRun({ id, actor: actorOf(user) }));
});
