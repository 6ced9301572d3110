import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { writeAuditLog } from "@/lib/audit/write-audit-log";
import { queueSegmentRebuild } from "@/lib/jobs/segment-rebuild-job";

/** POST /api/v1/segments/:id/rebuild — queues a full membership rebuild (progress on the segment). */
export const POST = withRole<{ id: string }>("marketer", async (_request, { params, user }) => {
  const { id } = await params;
  await queueSegmentRebuild({ segmentId: id });
  await writeAuditLog({ actor: actorOf(user), action: "segment.rebuild_queued", targetType: "segment", targetId: id });
  return Response.json({ queued: true }, { status: 202 });
});
