import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { validateTemplate } from "@/lib/templates/validate-template";
import { draftSchema } from "@/lib/templates/schemas";

/** POST /api/v1/templates/validate — MJML, Liquid, placement, footer and variable problems of a draft, at their lines. */
export const POST = withRole("viewer", async (request) => {
  const draft = await parseJsonBody(request, draftSchema);
  return Response.json(await validateTemplate(draft));
});
