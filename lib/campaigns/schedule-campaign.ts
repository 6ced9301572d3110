import type { Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { pinExperimentVariants, storePinnedVariants } from "../experiments/pin-experiment-variants";
import { getSettings } from "../settings/get-settings";
import { pinnableVersion } from "./pinnable-version";
import { prepareCampaignTemplate } from "./prepare-campaign-template";
import { requestFanOut, tryRequest } from "./request-campaign-work";
import { transitionCampaign } from "./transition-campaign";

/**
 * When the fan-out runs: now, at the time, or (local hour) when the earliest time zone (UTC+14)
 * reaches that hour on the day — the day of `scheduledAt` in the installation's time zone, the same
 * day the fan-out gives each recipient's own local hour (fanOutCampaign).
 */
export function fanOutAt(c: { scheduleKind: string; scheduledAt: Date | null; localHour: number | null }, timeZone: string): Date | null {
  if (c.scheduleKind === "at") return c.scheduledAt;
  if (c.scheduleKind === "local_hour" && c.scheduledAt && c.localHour != null) {
    const [y, m, d] = localDate(c.scheduledAt, timeZone);
    return new Date(Date.UTC(y, m - 1, d, c.localHour) - 14 * 3_600_000);
  }
  return null;
}

/** [year, month, day] of a moment in a time zone (UTC when the zone is unknown). */
function localDate(at: Date, timeZone: string): [number, number, number] {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  } catch {
    format = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
  }
  const part = (type: string) => Number(format.formatToParts(at).find((p) => p.type === type)!.value);
  return [part("year"), part("month"), part("day")];
}

/**
 * Schedules a draft: pins the template's current version, checks it can be sent (no errors,
 * unsubscribe link and postal address present), then queues the fan-out for its time. Audit-logged.
 */
export async function scheduleCampaign(options: { id: string; actor: Actor }): Promise<void> {
  const campaign = await db.campaign.findUnique({
    where: { id: options.id },
    select: { templateId: true, subject: true, preheader: true, senderName: true, scheduleKind: true, scheduledAt: true, localHour: true },
  });
  if (!campaign) throw new AppError("not_found", "There is no such campaign: it may have been deleted.");
  if (!campaign.templateId) throw new AppError("unprocessable", "The campaign's template was deleted: pick another template first.");
  const latest = await pinnableVersion(campaign.templateId);
  await prepareCampaignTemplate({
    campaignId: options.id,
    templateVersionId: latest.id,
    subject: campaign.subject,
    preheader: campaign.preheader,
  });
  const variants = await pinExperimentVariants({
    campaignId: options.id,
    campaign: { templateVersionId: latest.id, subject: campaign.subject, preheader: campaign.preheader, senderName: campaign.senderName },
  });
  await transitionCampaign({
    id: options.id,
    from: ["draft"],
    to: "scheduled",
    action: "campaign.schedule",
    verb: "scheduled",
    actor: options.actor,
    data: { templateVersionId: latest.id, error: null },
    also: async (tx) => {
      if (variants) await storePinnedVariants(tx, options.id, variants);
      return { templateVersion: latest.number, scheduleKind: campaign.scheduleKind, scheduledAt: campaign.scheduledAt };
    },
  });
  const { timeZone } = await getSettings();
  await tryRequest(() => requestFanOut({ campaignId: options.id, at: fanOutAt(campaign, timeZone) }));
}
