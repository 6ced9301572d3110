import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { previewSegment } from "@/lib/segments/preview-segment";
import { previewInputSchema } from "@/lib/segments/schemas";

/** POST /api/v1/segments/preview — count, per-condition counts and a sample for unsaved rules. */
export const POST = withRole("viewer", async (request) => {
  const input = await parseJsonBody(request, previewInputSchema);
  return Response.json(await previewSegment(input));
});
