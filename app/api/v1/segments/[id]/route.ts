import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { deleteSegment } from "@/lib/segments/delete-segment";
import { getSegment } from "@/lib/segments/get-segment";
import { saveSegment } from "@/lib/segments/save-segment";
import { segmentInputSchema } from "@/lib/segments/schemas";

type Params = { id: string };

export const GET = withRole<Params>("viewer", async (_request, { params }) => Response.json(await getSegment({ id: (await params).id })));

export const PUT = withRole<Params>("marketer", async (request, { params, user }) => {
  const input = await parseJsonBody(request, segmentInputSchema);
  return Response.json(await saveSegment({ id: (await params).id, input, actor: actorOf(user) }));
});

export const DELETE = withRole<Params>("marketer", async (_request, { params, user }) => {
  await deleteSegment({ id: (await params).id, actor: actorOf(user) });
  return new Response(null, { status: 204 });
});
