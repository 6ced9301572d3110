import { withRole } from "@/lib/auth/with-role.server";
import { writeAuditLog } from "@/lib/audit/write-audit-log";
import { actorOf } from "@/lib/auth/session-user";
import { exportSegmentCsv } from "@/lib/segments/export-segment-csv";
import { getSegment } from "@/lib/segments/get-segment";

/** GET /api/v1/segments/:id/export — the members as CSV, streamed. */
export const GET = withRole<{ id: string }>("marketer", async (_request, { params, user }) => {
  const { id } = await params;
  const segment = await getSegment({ id });
  await writeAuditLog({
    actor: actorOf(user),
    action: "segment.exported",
    targetType: "segment",
    targetId: id,
    after: { members: segment.memberCount },
  });
  const fileName = `${segment.name.replace(/[^\w.-]+/g, "-").slice(0, 60) || "segment"}.csv`;
  return new Response(exportSegmentCsv({ segmentId: id }), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"` },
  });
});
