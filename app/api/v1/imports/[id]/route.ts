import { withRole } from "@/lib/auth/with-role.server";
import { getImportJob } from "@/lib/imports/get-import-job";

/** GET /api/v1/imports/:id — one import job with its counts and progress. */
export const GET = withRole<{ id: string }>("viewer", async (_request, { params }) => {
  const { id } = await params;
  return Response.json(await getImportJob({ id }));
});
