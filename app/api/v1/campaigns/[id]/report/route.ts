import { z } from "zod";
import { writeAuditLog } from "@/lib/audit/write-audit-log";
import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { exportCampaignReportCsv } from "@/lib/campaigns/export-campaign-report-csv";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { exportCampaignExperimentCsv } from "@/lib/experiments/export-campaign-experiment-csv";

const query = z.object({ part: z.enum(["recipients", "experiment"]).default("recipients") });

/**
 * GET /api/v1/campaigns/:id/report — the report per recipient as CSV (addresses included: marketers
 * and admins); `?part=experiment`: the experiment's figures per variant (no personal data).
 */
export const GET = withRole<{ id: string }>(
  "marketer",
  async (request, { params, user }) => {
    const { id } = await params;
    const { part } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
    const campaign = await getCampaign(id);
    const base = campaign.name.replace(/[^\w.-]+/g, "-").slice(0, 60) || "campaign";
    const body = part === "experiment" ? await exportCampaignExperimentCsv(id) : exportCampaignReportCsv({ campaignId: id });
    await writeAuditLog({
      actor: actorOf(user),
      action: "campaign.report_exported",
      targetType: "campaign",
      targetId: id,
      after: { part },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${base}-${part === "experiment" ? "experiment" : "report"}.csv"`,
      },
    });
  },
  { download: true },
);
