import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { createClusterRun } from "@/lib/clustering/runs/create-cluster-run";
import { listClusterRuns } from "@/lib/clustering/runs/get-cluster-run";
import { clusterRunInputSchema } from "@/lib/clustering/runs/schemas";
import { parseJsonBody } from "@/lib/http/parse-body";

/** GET /api/v1/clusters/runs — the latest clustering runs with their status and progress. */
export const GET = withRole("viewer", async () => Response.json(await listClusterRuns()));

/** POST /api/v1/clusters/runs — checks the parameters, stores the run and queues it for the worker. */
export const POST = withRole("marketer", async (request, { user }) => {
  const input = await parseJsonBody(request, clusterRunInputSchema);
  return Response.json(await createClusterRun({ input, actor: actorOf(user) }), { status: 201 });
});
