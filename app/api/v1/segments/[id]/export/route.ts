import { withRole } from "@/lib/auth/with-role.server";
import { writeAuditLog } from "@/lib/audit/write-audit-log";
import { actorOf } from "@/lib/auth/session-user";
import { exportSegmentCsv } from "@/lib/segments/export-segment-csv";
import { getSegment } from "@/lib/segments/get-segment";

/**
 * GET /api/v1/segments/:id/export[?all=1] — the members as CSV, streamed, with a mailable column and
 * a consent column per purpose; only those who may be emailed unless `all=1`.
 */
export const GET = withRole<{ id: string }>(
  "marketer",
  async (request, { params, user }) => {
    const { id } = await params;
    const mailableOnly = new URL(request.url).searchParams.get("all") !== "1";
    const segment = await getSegment({ id });
    await writeAuditLog({
      actor: actorOf(user),
      action: "segment.exported",
      targetType: "segment",
      targetId: id,
      after: { members: segment.memberCount, mailableOnly },
    });
    const fileName = `${segment.name.replace(/[^\w.-]+/g, "-").slice(0, 60) || "segment"}${mailableOnly ? "-mailable" : ""}.csv`;
    return new Response(await exportSegmentCsv({ segmentId: id, mailableOnly }), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"` },
    });
  },
  { download: true },
);
