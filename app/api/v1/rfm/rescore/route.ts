import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { writeAuditLog } from "@/lib/audit/write-audit-log";
import { getRfmRescoreStatus, queueRfmRescore } from "@/lib/jobs/rfm-rescore-job";

/** GET /api/v1/rfm/rescore — the latest RFM rescore: state, progress, segments still rebuilding after it. */
export const GET = withRole("viewer", async () => Response.json(await getRfmRescoreStatus()));

/** POST /api/v1/rfm/rescore — rescores RFM now (a job with progress), then rebuilds the segments that read it. */
export const POST = withRole("marketer", async (_request, { user }) => {
  const status = await queueRfmRescore();
  await writeAuditLog({ actor: actorOf(user), action: "rfm.rescore_queued", targetType: "settings", targetId: 1 });
  return Response.json(status, { status: 202 });
});
