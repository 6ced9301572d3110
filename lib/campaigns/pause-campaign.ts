import type { Actor } from "../audit/write-audit-log";
import { transitionCampaign } from "./transition-campaign";

/**
 * Pauses a scheduled or sending campaign: chunk jobs stop claiming rows at their next step, finish
 * and record what is in flight, and leave the rest queued (nothing is lost). Audit-logged.
 */
export async function pauseCampaign(options: { id: string; actor: Actor }): Promise<void> {
  await transitionCampaign({
    id: options.id,
    from: ["scheduled", "sending"],
    to: "paused",
    action: "campaign.pause",
    verb: "paused",
    actor: options.actor,
  });
}
