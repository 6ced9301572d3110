import { db } from "../db";
import { sweepExperiments } from "../experiments/sweep-experiments";
import { getSettings } from "../settings/get-settings";
import { requestChunks, requestFanOut } from "./request-campaign-work";
import { fanOutAt } from "./schedule-campaign";
import { finishCampaignIfDone } from "./send-campaign-chunk";

/**
 * What every worker runs every few seconds, so that nothing depends on Redis keeping a job: queues
 * the fan-out of scheduled campaigns that are due, queues the chunks that are due, unfinished and
 * not leased (Redis restarted, a worker was killed, a job gave up), looks at experiments (a
 * winner at the horizon, the next bandit wave), and marks campaigns finished
 * once every ledger row is final. Queuing is idempotent (deterministic job ids).
 */
export async function sweepCampaigns(): Promise<{ fanOuts: number; chunks: number; finished: number }> {
  const scheduled = await db.campaign.findMany({
    where: { status: "scheduled" },
    select: { id: true, scheduleKind: true, scheduledAt: true, localHour: true },
  });
  let fanOuts = 0;
  const { timeZone } = scheduled.length ? await getSettings() : { timeZone: "UTC" };
  for (const c of scheduled) {
    const at = fanOutAt(c, timeZone);
    if (!at || at.getTime() <= Date.now()) {
      await requestFanOut({ campaignId: c.id });
      fanOuts++;
    }
  }
  const orphans = await db.$queryRaw<{ campaign_id: string; chunk: number; due_at: Date }[]>`
    SELECT ch.campaign_id, ch.chunk, ch.due_at FROM campaign_chunks ch JOIN campaigns k ON k.id = ch.campaign_id
    WHERE ch.done_at IS NULL AND ch.due_at <= now() AND (ch.lease_until IS NULL OR ch.lease_until < now())
      AND (k.status = 'sending'
           OR (k.status IN ('paused', 'cancelled') AND EXISTS (SELECT 1 FROM campaign_sends s
                WHERE s.campaign_id = ch.campaign_id AND s.chunk = ch.chunk AND s.state = 'sending')))
    LIMIT 5000`;
  const byCampaign = new Map<string, { chunk: number; dueAt: Date }[]>();
  for (const o of orphans) byCampaign.set(o.campaign_id, [...(byCampaign.get(o.campaign_id) ?? []), { chunk: o.chunk, dueAt: o.due_at }]);
  for (const [campaignId, chunks] of byCampaign) await requestChunks({ campaignId, chunks });

  // Experiments: decisions at their horizon, bandit waves (no-ops for campaigns without one).
  await sweepExperiments();

  const open = await db.campaign.findMany({
    where: { OR: [{ status: "sending" }, { status: "cancelled", finishedAt: null }] },
    select: { id: true },
  });
  let finished = 0;
  for (const c of open) if (await finishCampaignIfDone(c.id)) finished++;
  return { fanOuts, chunks: orphans.length, finished };
}
