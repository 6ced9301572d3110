import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { duplicateSegment } from "@/lib/segments/duplicate-segment";

/** POST /api/v1/segments/:id/duplicate — a copy with the same rules. */
export const POST = withRole<{ id: string }>("marketer", async (_request, { params, user }) =>
  Response.json(await duplicateSegment({ id: (await params).id, actor: actorOf(user) }), { status: 201 }),
);
