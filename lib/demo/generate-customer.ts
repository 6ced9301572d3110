import { type Calendar, sampleMoment } from "./calendar";
import type { Catalogue } from "./catalogue";
import { CATEGORIES } from "./catalogue-data";
import type { DemoConsent, DemoEvent, DemoIdentity, DemoOrder, IdCounters } from "./demo-types";
import type { DemoCampaign } from "./email-campaigns";
import { generateConsents } from "./generate-consents";
import { generateEmailEvents } from "./generate-email-events";
import { generateOrders } from "./generate-orders";
import { type DemoProfile, generateProfile } from "./generate-profile";
import { generateWebEvents } from "./generate-web-events";
import { DAY_MS, type JsonObject } from "./pg-text";
import { hashSeed, Rng } from "./prng";

/** Mean time a customer stays active (buying and browsing) after the first visit. */
const LIFETIME_MS = 1.5 * 365.25 * DAY_MS;

export interface GenerationContext {
  seed: number;
  calendar: Calendar;
  catalogue: Catalogue;
  campaigns: readonly DemoCampaign[];
  ids: IdCounters;
}

export interface DemoCustomer {
  id: number;
  profile: DemoProfile;
  attributes: JsonObject;
  firstSeenAt: number;
  lastSeenAt: number;
  identities: DemoIdentity[];
  orders: DemoOrder[];
  events: DemoEvent[];
  consents: DemoConsent[];
}

function loyaltyTier(orders: readonly DemoOrder[]): string | null {
  if (orders.length === 0) return null;
  const spent = orders.reduce((sum, o) => sum + o.totalPence, 0);
  return spent >= 100_000 ? "gold" : spent >= 25_000 ? "silver" : "bronze";
}

/** Everything about the customer at `index` (id index + 1); the randomness depends only on seed and index. */
export function generateCustomer(ctx: GenerationContext, index: number): DemoCustomer {
  const { calendar, catalogue, ids } = ctx;
  const id = ++ids.customer;
  if (id !== index + 1) throw new Error(`generateCustomer: customers must be generated in order (${index} → id ${id})`);
  const profile = generateProfile(ctx.seed, index);
  const rng = new Rng(hashSeed(ctx.seed, index, 2));
  const firstSeenAt = sampleMoment(rng, calendar, calendar.acquisition, calendar.startDay * DAY_MS, calendar.endMs);
  const favouriteCategory = rng.weighted(catalogue.categoryPopularity);

  // Customers lapse: most stop buying after a while, which gives recency its spread.
  const activeUntil = Math.min(calendar.endMs, firstSeenAt + Math.max(30 * DAY_MS, Math.round(rng.exponential(LIFETIME_MS))));

  const orders = generateOrders({ rng, calendar, catalogue, favouriteCategory, firstSeenAt, activeUntil, ids });
  const { consents, subscribed } = generateConsents({ rng, calendar, campaigns: ctx.campaigns, firstSeenAt, ids });
  const web = generateWebEvents({ rng, calendar, catalogue, favouriteCategory, customerId: id, firstSeenAt, activeUntil }, orders);
  const email = generateEmailEvents({ rng, campaigns: ctx.campaigns, subscribed, activeUntil, endMs: calendar.endMs });
  const all = web.concat(email);
  const lastActivity = all.reduce((max, e) => Math.max(max, e.occurredAt), firstSeenAt);
  const events = all.filter((e) => e.occurredAt >= calendar.windowStartMs).sort((a, b) => a.occurredAt - b.occurredAt);
  for (const event of events) event.id = ++ids.event;

  const lastPurchase = orders.reduce((max, o) => (o.kind === "purchase" ? Math.max(max, o.placedAt) : max), firstSeenAt);
  const lastSeenAt = Math.max(lastPurchase, lastActivity);
  const identity = (type: DemoIdentity["type"], source: string, value: string, createdAt: number): DemoIdentity => ({
    id: ++ids.identity,
    type,
    source,
    value,
    createdAt,
  });
  const identities = [
    identity("email", "", profile.email.toLowerCase(), firstSeenAt),
    identity("external_id", "demo", `DEMO-${String(id).padStart(7, "0")}`, firstSeenAt),
    ...profile.otherEmails.map((e) => identity("email", "", e, firstSeenAt + Math.floor(rng.next() * (lastSeenAt - firstSeenAt)))),
  ];

  const tier = loyaltyTier(orders);
  const attributes: JsonObject = {
    acquisitionChannel: profile.channel,
    birthYear: profile.birthYear,
    favouriteCategory: CATEGORIES[favouriteCategory]?.name ?? null,
    ...(tier ? { loyaltyTier: tier } : {}),
  };
  return { id, profile, attributes, firstSeenAt, lastSeenAt, identities, orders, events, consents };
}
