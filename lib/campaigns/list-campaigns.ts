import { db } from "../db";

/** Campaigns, newest first, with the ledger's counts by state (one grouped query). */
export async function listCampaigns(options: { limit?: number } = {}) {
  const campaigns = await db.campaign.findMany({
    orderBy: { createdAt: "desc" },
    take: Math.max(1, Math.min(500, options.limit ?? 100)),
    select: {
      id: true,
      name: true,
      status: true,
      scheduleKind: true,
      scheduledAt: true,
      priority: true,
      audienceCount: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      template: { select: { name: true } },
    },
  });
  const counts = await db.campaignSend.groupBy({
    by: ["campaignId", "state"],
    where: { campaignId: { in: campaigns.map((c) => c.id) } },
    _count: { _all: true },
  });
  return campaigns.map((c) => {
    const of = (state: string) => counts.find((r) => r.campaignId === c.id && r.state === state)?._count._all ?? 0;
    return { ...c, sent: of("sent"), failed: of("failed"), skipped: of("skipped"), remaining: of("queued") + of("sending") + of("held") };
  });
}
