import { createClickToken, createOpenToken, type TrackingTarget } from "./tracking-token";

/** What a tracked template's `tracking` variable holds for one recipient. */
export interface TrackingContext {
  campaign_id: string;
  customer_id: number;
}

/** The `tracking` variable of one recipient's context (add it to the context of a tracked template). */
export function trackingContext(target: TrackingTarget): { tracking: TrackingContext } {
  return { tracking: { campaign_id: target.campaignId, customer_id: target.customerId } };
}

function targetOf(value: unknown): TrackingTarget {
  const v = value as Partial<TrackingContext> | null;
  if (!v || typeof v !== "object" || typeof v.campaign_id !== "string" || typeof v.customer_id !== "number")
    throw new Error("open_token and click_token need the tracking variable that campaigns fill in (campaign_id, customer_id).");
  return { campaignId: v.campaign_id, customerId: v.customer_id };
}

/** Liquid filter `{{ tracking | open_token }}`: the recipient's signed open token. */
export function openTokenFilter(value: unknown): string {
  return createOpenToken(targetOf(value));
}

/** Liquid filter `{{ tracking | click_token: 3 }}`: the recipient's signed token for link 3. */
export function clickTokenFilter(value: unknown, link: unknown): string {
  if (typeof link !== "number") throw new Error("click_token needs the link's number.");
  return createClickToken({ ...targetOf(value), link });
}
