import type { Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { getSettings } from "../settings/get-settings";
import { requestChunks, requestFanOut, tryRequest } from "./request-campaign-work";
import { fanOutAt } from "./schedule-campaign";
import { transitionCampaign } from "./transition-campaign";

/** Resumes a paused campaign: back to scheduled when its recipients were not frozen yet, else sending its unfinished chunks. Audit-logged. */
export async function resumeCampaign(options: { id: string; actor: Actor }): Promise<void> {
  const frozen =
    (await db.campaignChunk.count({ where: { campaignId: options.id } })) > 0 ||
    (await db.campaign.count({ where: { id: options.id, startedAt: { not: null } } })) > 0;
  await transitionCampaign({
    id: options.id,
    from: ["paused"],
    to: frozen ? "sending" : "scheduled",
    action: "campaign.resume",
    verb: "resumed",
    actor: options.actor,
  });
  if (!frozen) {
    const c = await db.campaign.findUniqueOrThrow({
      where: { id: options.id },
      select: { scheduleKind: true, scheduledAt: true, localHour: true },
    });
    const { timeZone } = await getSettings();
    await tryRequest(() => requestFanOut({ campaignId: options.id, at: fanOutAt(c, timeZone) }));
    return;
  }
  const chunks = await db.campaignChunk.findMany({ where: { campaignId: options.id, doneAt: null }, select: { chunk: true, dueAt: true } });
  await tryRequest(() => requestChunks({ campaignId: options.id, chunks }));
}
