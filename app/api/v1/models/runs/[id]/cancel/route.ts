import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { cancelModelRun } from "@/lib/scoring/runs/cancel-model-run";

/** POST /api/v1/models/runs/:id/cancel — stops a queued or running training run; nothing is saved. */
export const POST = withRole<{ id: string }>("marketer", async (_request, { params, user }) => {
  const { id } = await params;
  return Response.json(await cancelModelRun({ id, actor: actorOf(user) }));
});
