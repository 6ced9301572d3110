import { writeAuditLog } from "@/lib/audit/write-audit-log";
import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { exportCampaignReportCsv } from "@/lib/campaigns/export-campaign-report-csv";
import { getCampaign } from "@/lib/campaigns/get-campaign";

/** GET /api/v1/campaigns/:id/report — the report per recipient as CSV (addresses included: marketers and admins). */
export const GET = withRole<{ id: string }>(
  "marketer",
  async (_request, { params, user }) => {
    const { id } = await params;
    const campaign = await getCampaign(id);
    await writeAuditLog({ actor: actorOf(user), action: "campaign.report_exported", targetType: "campaign", targetId: id });
    const fileName = `${campaign.name.replace(/[^\w.-]+/g, "-").slice(0, 60) || "campaign"}-report.csv`;
    return new Response(exportCampaignReportCsv({ campaignId: id }), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"` },
    });
  },
  { download: true },
);
