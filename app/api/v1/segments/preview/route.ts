import { maskPersonalData } from "@/lib/auth/mask-personal-data";
import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { previewSegment } from "@/lib/segments/preview-segment";
import { previewInputSchema } from "@/lib/segments/schemas";

/** POST /api/v1/segments/preview — count, per-condition counts and a sample for unsaved rules. */
export const POST = withRole("viewer", async (request, { user }) => {
  const input = await parseJsonBody(request, previewInputSchema);
  const preview = await previewSegment(input);
  return Response.json({ ...preview, sample: preview.sample.map((c) => maskPersonalData(c, user.role)) });
});
