import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { listSegments } from "@/lib/segments/list-segments";
import { saveSegment } from "@/lib/segments/save-segment";
import { segmentInputSchema } from "@/lib/segments/schemas";

/** GET /api/v1/segments — every segment with its size and size over time. */
export const GET = withRole("viewer", async () => Response.json(await listSegments()));

/** POST /api/v1/segments — saves a new segment and queues its membership build. */
export const POST = withRole("marketer", async (request, { user }) => {
  const input = await parseJsonBody(request, segmentInputSchema);
  return Response.json(await saveSegment({ input, actor: actorOf(user) }), { status: 201 });
});
