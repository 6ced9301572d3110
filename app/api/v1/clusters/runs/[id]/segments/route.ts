import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { saveClusterSegment } from "@/lib/clustering/runs/save-cluster-segment";
import { saveClusterSegmentSchema } from "@/lib/clustering/runs/schemas";
import { parseJsonBody } from "@/lib/http/parse-body";

/** POST /api/v1/clusters/runs/:id/segments — saves a cluster as a segment ({ cluster, mode: snapshot|live, name }). */
export const POST = withRole<{ id: string }>("marketer", async (request, { params, user }) => {
  const { id } = await params;
  const body = await parseJsonBody(request, saveClusterSegmentSchema);
  return Response.json(await saveClusterSegment({ runId: id, ...body, actor: actorOf(user) }), { status: 201 });
});
