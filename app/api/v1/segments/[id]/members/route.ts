import { maskPersonalData } from "@/lib/auth/mask-personal-data";
import { withRole } from "@/lib/auth/with-role.server";
import { membersQuerySchema } from "@/lib/segments/api-schemas";
import { getSegment } from "@/lib/segments/get-segment";
import { listSegmentMembers } from "@/lib/segments/list-segment-members";

/**
 * GET /api/v1/segments/:id/members?after=&limit= — stored members by customer id, keyset-paginated:
 * pass the response's nextAfter as `after` for the next page. A signed-in user or a secret API key.
 */
export const GET = withRole<{ id: string }>(
  "viewer",
  async (request, { params, user }) => {
    const { id } = await params;
    const q = membersQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const segment = await getSegment({ id });
    const page = await listSegmentMembers({ segmentId: id, after: q.after, limit: q.limit });
    return Response.json({
      segment: { id, name: segment.name, memberCount: segment.memberCount },
      ...page,
      members: page.members.map((m) => maskPersonalData(m, user.role)),
    });
  },
  { secretKey: true },
);
