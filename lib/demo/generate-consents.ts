import type { Calendar } from "./calendar";
import type { DemoConsent, IdCounters } from "./demo-types";
import { type DemoCampaign, firstCampaignFrom } from "./email-campaigns";
import { USER_AGENTS } from "./people-data";
import type { JsonObject } from "./pg-text";
import type { Rng } from "./prng";

export interface ConsentContext {
  rng: Rng;
  calendar: Calendar;
  campaigns: readonly DemoCampaign[];
  firstSeenAt: number;
  ids: IdCounters;
}

export interface ConsentHistory {
  /** email_marketing records, in time order. */
  consents: DemoConsent[];
  /** [from, to) spans during which the customer was subscribed. */
  subscribed: [number, number][];
}

/** Documentation addresses (RFC 5737), as a signup form would have recorded them. */
function formProof(rng: Rng, form: string): JsonObject {
  const ip = `${rng.pick(["192.0.2", "198.51.100", "203.0.113"])}.${rng.int(1, 254)}`;
  return { ip, userAgent: rng.pick(USER_AGENTS), form };
}

/**
 * Most customers opt in at signup (source "import"); some decline; some unsubscribe later from a
 * newsletter's link, and a few of those opt in again from the preference centre.
 */
export function generateConsents(ctx: ConsentContext): ConsentHistory {
  const { rng, campaigns, firstSeenAt } = ctx;
  const endMs = ctx.calendar.endMs;
  const consents: DemoConsent[] = [];
  const add = (status: DemoConsent["status"], source: DemoConsent["source"], occurredAt: number, proof: JsonObject): void => {
    consents.push({ id: ++ctx.ids.consent, status, source, occurredAt, proof });
  };
  const r = rng.next();
  if (r >= 0.86) return { consents, subscribed: [] };
  if (r >= 0.78) {
    add("denied", "import", firstSeenAt, formProof(rng, "signup-v1"));
    return { consents, subscribed: [] };
  }
  add("granted", "import", firstSeenAt, formProof(rng, "signup-v1"));
  const next = firstCampaignFrom(campaigns, firstSeenAt);
  if (!rng.chance(0.13) || next >= campaigns.length) return { consents, subscribed: [[firstSeenAt, endMs]] };

  const campaign = campaigns[rng.int(next, campaigns.length - 1)];
  const withdrawnAt = campaign ? campaign.sentAt + 60_000 + Math.round(rng.exponential(3 * 3_600_000)) : endMs;
  if (!campaign || withdrawnAt >= endMs) return { consents, subscribed: [[firstSeenAt, endMs]] };
  add("withdrawn", "unsubscribe_link", withdrawnAt, { campaign: campaign.key });
  const subscribed: [number, number][] = [[firstSeenAt, withdrawnAt]];
  if (rng.chance(0.1)) {
    const regrantedAt = withdrawnAt + Math.round(rng.exponential(60 * 86_400_000));
    if (regrantedAt < endMs) {
      add("granted", "preference_centre", regrantedAt, formProof(rng, "preferences-v2"));
      subscribed.push([regrantedAt, endMs]);
    }
  }
  return { consents, subscribed };
}
