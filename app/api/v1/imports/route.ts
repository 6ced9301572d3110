import { withRole } from "@/lib/auth/with-role.server";
import { importListQuerySchema } from "@/lib/imports/schemas";
import { listImportJobs } from "@/lib/imports/list-import-jobs";

/** GET /api/v1/imports?page=N — import jobs, newest first. */
export const GET = withRole("viewer", async (request) => {
  const { page } = importListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listImportJobs({ page }));
});
