import type { Actor } from "../audit/write-audit-log";
import { transitionCampaign } from "./transition-campaign";

/**
 * Cancels a campaign for good. Rows still queued (or held for an experiment's winner) become skipped (reason cancelled) in the same
 * transaction; rows already in flight are finished and recorded by their chunk job (or, after a
 * crash, sent again by the next one), so no row is left without a final state. Audit-logged.
 */
export async function cancelCampaign(options: { id: string; actor: Actor }): Promise<{ skipped: number }> {
  let skipped = 0;
  await transitionCampaign({
    id: options.id,
    from: ["draft", "scheduled", "sending", "paused"],
    to: "cancelled",
    action: "campaign.cancel",
    verb: "cancelled",
    actor: options.actor,
    also: async (tx) => {
      skipped = await tx.$executeRaw`
        UPDATE campaign_sends SET state = 'skipped', skip_reason = 'cancelled', updated_at = now()
        WHERE campaign_id = ${options.id} AND state IN ('queued', 'held')`;
      await tx.$executeRaw`UPDATE campaign_experiments SET status = 'cancelled', updated_at = now() WHERE campaign_id = ${options.id} AND status = 'testing'`;
      return { skipped };
    },
  });
  return { skipped };
}
