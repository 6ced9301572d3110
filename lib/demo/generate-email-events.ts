import type { DemoEvent } from "./demo-types";
import { type DemoCampaign, firstCampaignFrom } from "./email-campaigns";
import type { Rng } from "./prng";

export interface EmailContext {
  rng: Rng;
  campaigns: readonly DemoCampaign[];
  /** [from, to) spans during which the customer received the newsletters. */
  subscribed: readonly [number, number][];
  /** After it a lapsed customer still opens now and then, far less often. */
  activeUntil: number;
  endMs: number;
}

/** Opens and clicks of the newsletters a subscriber received; engagement varies a lot by person. */
export function generateEmailEvents(ctx: EmailContext): DemoEvent[] {
  const { rng, campaigns, endMs } = ctx;
  const events: DemoEvent[] = [];
  if (ctx.subscribed.length === 0) return events;
  const openRate = Math.min(0.9, Math.max(0.01, rng.logNormal(Math.log(0.1), 0.8)));
  const clickRate = 0.05 + 0.3 * rng.next();
  for (const [from, to] of ctx.subscribed) {
    for (let i = firstCampaignFrom(campaigns, from); i < campaigns.length; i += 1) {
      const campaign = campaigns[i];
      if (!campaign || campaign.sentAt >= to) break;
      if (!rng.chance(campaign.sentAt < ctx.activeUntil ? openRate : openRate * 0.1)) continue;
      const openedAt = campaign.sentAt + 30_000 + Math.round(rng.exponential(5 * 3_600_000));
      if (openedAt >= endMs) continue;
      events.push({ id: 0, type: "email_opened", occurredAt: openedAt, properties: { campaign: campaign.key } });
      if (!rng.chance(clickRate)) continue;
      const clickedAt = openedAt + rng.int(5_000, 600_000);
      if (clickedAt < endMs)
        events.push({ id: 0, type: "email_clicked", occurredAt: clickedAt, properties: { campaign: campaign.key, url: campaign.url } });
    }
  }
  return events;
}
