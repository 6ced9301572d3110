import { z } from "zod";
import { withRole } from "@/lib/auth/with-role.server";
import { compareClusterRuns } from "@/lib/clustering/runs/compare-cluster-runs";
import { AppError } from "@/lib/errors";

const query = z.object({ a: z.string().min(1).max(100), b: z.string().min(1).max(100) });

/** GET /api/v1/clusters/compare?a=…&b=… — how customers moved between two runs' clusters. */
export const GET = withRole("viewer", async (request) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", "Give two run ids: ?a=…&b=…");
  return Response.json(await compareClusterRuns(parsed.data));
});
