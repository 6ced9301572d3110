import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { listImportMappings } from "@/lib/imports/list-import-mappings";
import { saveImportMapping } from "@/lib/imports/save-import-mapping";
import { saveMappingSchema } from "@/lib/imports/uploads/schemas";

/** GET /api/v1/import-mappings — saved column mappings. */
export const GET = withRole("viewer", async () => Response.json({ items: await listImportMappings() }));

/** POST /api/v1/import-mappings — { name, mapping }: saves (or replaces) a mapping. */
export const POST = withRole("marketer", async (request, { user }) => {
  const { name, mapping } = await parseJsonBody(request, saveMappingSchema);
  return Response.json(await saveImportMapping({ name, mapping, actor: { id: user.id, label: user.email } }), { status: 201 });
});
