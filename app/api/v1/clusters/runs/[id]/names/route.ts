import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { renameCluster } from "@/lib/clustering/runs/rename-cluster";
import { renameClusterSchema } from "@/lib/clustering/runs/schemas";
import { parseJsonBody } from "@/lib/http/parse-body";

/** POST /api/v1/clusters/runs/:id/names — renames one cluster ({ cluster, name }). */
export const POST = withRole<{ id: string }>("marketer", async (request, { params, user }) => {
  const { id } = await params;
  const body = await parseJsonBody(request, renameClusterSchema);
  return Response.json(await renameCluster({ runId: id, cluster: body.cluster, name: body.name, actor: actorOf(user) }));
});
