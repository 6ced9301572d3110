import { db } from "../db";
import { advanceBandit } from "./advance-bandit";
import { decideCampaignExperiment } from "./decide-campaign-experiment";

/**
 * What the workers' campaign sweep runs every few seconds: one look at every A/B/n test still
 * testing (decided at its horizon or by the sequential test, then the winner released to the held
 * rows) and one step of every bandit (the next wave when its time has come). Each is idempotent
 * and locked in Postgres, so any number of workers may sweep at once.
 */
export async function sweepExperiments(options: { now?: Date } = {}): Promise<{ decided: number; waves: number }> {
  const testing = await db.$queryRaw<{ campaign_id: string; mode: string }[]>`
    SELECT e.campaign_id, e.mode FROM campaign_experiments e JOIN campaigns k ON k.id = e.campaign_id
    WHERE e.status = 'testing' AND k.status IN ('sending', 'finished') AND k.started_at IS NOT NULL`;
  let decided = 0;
  let waves = 0;
  for (const e of testing) {
    try {
      if (e.mode === "bandit") {
        const step = await advanceBandit({ campaignId: e.campaign_id, now: options.now });
        if (step.status === "wave") waves++;
      } else {
        const result = await decideCampaignExperiment({ campaignId: e.campaign_id, now: options.now });
        if (result.status === "winner" || result.status === "inconclusive") decided++;
      }
    } catch (err) {
      console.error(`Experiment of campaign ${e.campaign_id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { decided, waves };
}
