import { createClickToken, createOpenToken } from "./tracking-token";

function customerOf(value: unknown): number {
  if (typeof value !== "number") throw new Error("open_token and click_token apply to customer.id.");
  return value;
}

function campaignOf(value: unknown): string {
  if (typeof value !== "string") throw new Error("open_token and click_token need the campaign's id.");
  return value;
}

/** Liquid filter `{{ customer.id | open_token: "<campaign>" }}`: the recipient's signed open token. */
export function openTokenFilter(customerId: unknown, campaignId: unknown): string {
  return createOpenToken({ campaignId: campaignOf(campaignId), customerId: customerOf(customerId) });
}

/** Liquid filter `{{ customer.id | click_token: "<campaign>", 3 }}`: the recipient's signed token for link 3. */
export function clickTokenFilter(customerId: unknown, campaignId: unknown, link: unknown): string {
  if (typeof link !== "number") throw new Error("click_token needs the link's number.");
  return createClickToken({ campaignId: campaignOf(campaignId), customerId: customerOf(customerId), link });
}
