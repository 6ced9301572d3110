import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { listTemplateVersions } from "@/lib/templates/get-template";
import { saveTemplateVersion } from "@/lib/templates/save-template-version";
import { saveVersionInputSchema } from "@/app/api/v1/templates/schemas";

/** GET /api/v1/templates/:id/versions — every saved version, newest first. */
export const GET = withRole<{ id: string }>("viewer", async (_request, { params }) => {
  const { id } = await params;
  return Response.json(await listTemplateVersions(id));
});

/** POST /api/v1/templates/:id/versions — saves the draft as the template's next version (current unless it is a draft). */
export const POST = withRole<{ id: string }>("marketer", async (request, { params, user }) => {
  const { id } = await params;
  const draft = await parseJsonBody(request, saveVersionInputSchema);
  return Response.json(await saveTemplateVersion({ templateId: id, ...draft, createdById: user.id, actor: actorOf(user) }), {
    status: 201,
  });
});
