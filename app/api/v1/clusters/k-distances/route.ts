import { z } from "zod";
import { withRole } from "@/lib/auth/with-role.server";
import { previewKDistances } from "@/lib/clustering/runs/preview-k-distances";
import { clusterRunInputSchema } from "@/lib/clustering/runs/schemas";
import { parseJsonBody } from "@/lib/http/parse-body";

const body = z.object({ input: clusterRunInputSchema, minPts: z.number().int().min(2).max(200) });

/** POST /api/v1/clusters/k-distances — the k-distance chart of a sample, for choosing eps in the run form. */
export const POST = withRole("marketer", async (request) => {
  const { input, minPts } = await parseJsonBody(request, body);
  return Response.json(await previewKDistances({ input, minPts }));
});
