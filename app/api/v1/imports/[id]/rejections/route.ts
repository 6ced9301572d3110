import { withRole } from "@/lib/auth/with-role.server";
import { getImportJob } from "@/lib/imports/get-import-job";
import { listImportRejections } from "@/lib/imports/list-import-rejections";
import { maskRejections } from "@/lib/imports/mask-rejections";
import { importRejectionsQuerySchema } from "@/lib/imports/schemas";

/** GET /api/v1/imports/:id/rejections?page=N — the rows an import rejected, in file order (raw lines hidden from viewers). */
export const GET = withRole<{ id: string }>("viewer", async (request, { params, user }) => {
  const { id } = await params;
  const { page } = importRejectionsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  await getImportJob({ id });
  return Response.json(maskRejections(await listImportRejections({ importJobId: id, page }), user.role));
});
