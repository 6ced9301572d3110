import { z } from "zod";
import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { startModelRuns } from "@/lib/scoring/runs/get-models";
import { modelKinds } from "@/lib/scoring/schemas";

const bodySchema = z.object({
  kinds: z.array(z.enum(modelKinds)).min(1).max(modelKinds.length),
  /** Purchase propensity's category: a name, null for any product, absent to retrain each category that has a model. */
  category: z.string().trim().min(1).max(200).nullable().optional(),
});

/** POST /api/v1/models/runs — "Train now": queues a training run of each model asked for (skipping those training already); `category` picks what purchase propensity predicts. */
export const POST = withRole("marketer", async (request, { user }) => {
  const { kinds, category } = await parseJsonBody(request, bodySchema);
  return Response.json(await startModelRuns({ kinds: [...new Set(kinds)], category, actor: actorOf(user) }), { status: 201 });
});
