import { withRole } from "@/lib/auth/with-role.server";
import { getClusterRun } from "@/lib/clustering/runs/get-cluster-run";

/** GET /api/v1/clusters/runs/:id — one run with its progress and, once finished, its results. */
export const GET = withRole<{ id: string }>("viewer", async (_request, { params }) => {
  const { id } = await params;
  return Response.json(await getClusterRun({ id }));
});
