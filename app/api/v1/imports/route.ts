import { authorize } from "@/lib/auth/authorize";
import { withRole } from "@/lib/auth/with-role.server";
import { importListQuerySchema } from "@/lib/imports/schemas";
import { listImportJobs } from "@/lib/imports/list-import-jobs";
import { startUploadImport } from "@/lib/imports/start-upload-import";
import { parseJsonBody } from "@/lib/http/parse-body";
import { startImportSchema } from "@/lib/imports/uploads/schemas";

/** GET /api/v1/imports?page=N — import jobs, newest first. */
export const GET = withRole("viewer", async (request) => {
  const { page } = importListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listImportJobs({ page }));
});

/** POST /api/v1/imports — { uploadId, kind, mapping?, encoding?, dateOrder? }: queues the import of an upload. */
export const POST = withRole("marketer", async (request, { user }) => {
  const input = await parseJsonBody(request, startImportSchema);
  // The suppression list decides who is never emailed: admins only, as on the Suppressions page.
  if (input.kind === "suppressions") authorize(user, "admin");
  const { id } = await startUploadImport({ input, actor: { id: user.id, label: user.email } });
  return Response.json({ id }, { status: 201 });
});
