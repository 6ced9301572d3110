import { withRole } from "@/lib/auth/with-role.server";
import { previewUpload } from "@/lib/imports/uploads/preview-upload";
import { readUploadMeta } from "@/lib/imports/uploads/read-upload-meta";
import { receiveUpload } from "@/lib/imports/uploads/receive-upload";
import { uploadQuerySchema } from "@/lib/imports/uploads/schemas";

/**
 * POST /api/v1/uploads?name=<file name> — the file's bytes as the body (up to 1 GB), streamed to
 * disk, never buffered. Answers 201 with the upload's preview: header, first rows, suggestions.
 */
export const POST = withRole("marketer", async (request, { user }) => {
  const { name } = uploadQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { uploadId } = await receiveUpload({ body: request.body, fileName: name, userId: user.id });
  const meta = await readUploadMeta({ uploadId });
  return Response.json(await previewUpload({ uploadId, meta }), { status: 201 });
});
