import { z } from "zod";
import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { deletePropensityModel } from "@/lib/scoring/runs/delete-propensity-model";

const bodySchema = z.object({
  /** The category whose propensity model to delete; null for any product. */
  category: z.string().trim().min(1).max(200).nullable(),
});

/** DELETE /api/v1/models/propensity — deletes a category's propensity model and its scores; refused while a segment uses it (decision 142). */
export const DELETE = withRole("marketer", async (request, { user }) => {
  const { category } = await parseJsonBody(request, bodySchema);
  return Response.json(await deletePropensityModel({ category, actor: actorOf(user) }));
});
