import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { previewTemplate } from "@/lib/templates/preview-template";
import { previewInputSchema } from "../schemas";

/** POST /api/v1/templates/preview — a draft rendered for one customer, with its variables and branches (their personal data: marketers). */
export const POST = withRole("marketer", async (request) => {
  const { draft, customerId } = await parseJsonBody(request, previewInputSchema);
  return Response.json(await previewTemplate(draft, customerId));
});
