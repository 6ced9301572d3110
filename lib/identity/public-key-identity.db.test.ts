import { beforeAll, describe, expect, it } from "vitest";
import { trackingCallsCommitter, createSecretKey } from "../../test/tracking-calls";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { createApiKey } from "../tracking/create-api-key";
import type { TrackingEndpoint } from "../tracking/parse-tracking-body";
import { processTrackingEvents } from "./process-tracking-events";
import { identityHash } from "./verify-identity";

const { commit } = trackingCallsCommitter("pk");
let publicKey: string;
let secretKey: string;

beforeAll(async () => {
  publicKey = (await createApiKey({ input: { label: "Site", kind: "public", source: "website" }, actor: systemActor("system") })).id;
  secretKey = await createSecretKey("Shop server", "website");
});

async function send(apiKeyId: string, endpoint: TrackingEndpoint, call: Record<string, unknown>): Promise<string> {
  const messageId = await commit(apiKeyId, [endpoint, call]);
  await processTrackingEvents();
  return messageId;
}

const consent = (value: boolean, extra: Record<string, unknown>) => ({
  event: "Segment Consent Preference Updated",
  ...extra,
  context: { ...((extra.context as object) ?? {}), consent: { categoryPreferences: { email_marketing: value } } },
});

async function customerOf(messageId: string): Promise<number | null | undefined> {
  return (await db.event.findFirst({ where: { messageId }, select: { customerId: true } }))?.customerId;
}

async function latestConsent(customerId: number): Promise<string | undefined> {
  const r = await db.consentRecord.findFirst({
    where: { customerId, purpose: "email_marketing" },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
  });
  return r?.status;
}

let victim: number;

describe("a public key cannot take over a known profile", () => {
  beforeAll(async () => {
    // Ann is known from the shop's server; she granted, then withdrew, email marketing.
    const m = await send(secretKey, "identify", { userId: "ann-1", traits: { email: "ann@example.com", firstName: "Ann" } });
    victim = (await customerOf(m))!;
    await send(secretKey, "track", consent(true, { userId: "ann-1", timestamp: "2026-01-01T10:00:00Z" }));
    await send(secretKey, "track", consent(false, { userId: "ann-1", timestamp: "2026-02-01T10:00:00Z" }));
    expect(await latestConsent(victim)).toBe("withdrawn");
  });

  it("an unverified identify naming her email stays on the anonymous profile, flagged, and changes nothing of hers", async () => {
    const page = await send(publicKey, "page", { anonymousId: "mallory-browser", name: "Home" });
    const identify = await send(publicKey, "identify", {
      anonymousId: "mallory-browser",
      traits: { email: "ANN@example.com", firstName: "Mallory" },
    });
    const anonymous = (await customerOf(page))!;
    expect(anonymous).not.toBe(victim);
    expect(await customerOf(identify)).toBe(anonymous);
    expect(await db.customer.findUniqueOrThrow({ where: { id: victim } })).toMatchObject({ firstName: "Ann", email: "ann@example.com" });
    expect(await db.identity.count({ where: { customerId: victim, type: "anonymous_id" } })).toBe(0);
    expect(await db.customerMerge.count()).toBe(0);
    const flag = await db.identityFlag.findFirstOrThrow({ where: { kind: "unverified_identify", value: "ann@example.com" } });
    expect(flag.customerIds.sort()).toEqual([victim, anonymous].sort());
    expect(flag.detail).toMatch(/without identity verification/);
  });

  it("a consent grant with a public key is kept as an event, ignored for consent, with the reason on the profile", async () => {
    const grant = await send(
      publicKey,
      "track",
      consent(true, {
        anonymousId: "mallory-browser",
        context: { traits: { email: "ann@example.com" } },
        timestamp: "2026-03-01T10:00:00Z",
      }),
    );
    const grantUserId = await send(publicKey, "track", consent(true, { userId: "ann-1", timestamp: "2026-03-02T10:00:00Z" }));
    expect(await latestConsent(victim)).toBe("withdrawn");
    expect(await db.consentRecord.count({ where: { status: "granted", occurredAt: { gte: new Date("2026-03-01") } } })).toBe(0);
    // Both calls are on a timeline (an event), and the profiles say why their consent was ignored.
    const anonymous = (await customerOf(grant))!;
    expect(await customerOf(grantUserId)).toBe(victim);
    const ignored = await db.identityFlag.findMany({ where: { kind: "ignored_consent" } });
    expect(ignored.flatMap((f) => f.customerIds).sort()).toEqual([anonymous, victim].sort());
    expect(ignored[0]!.detail).toMatch(/public key and no identity verification/);
  });

  it("a wrong hash proves nothing", async () => {
    const m = await send(publicKey, "identify", {
      anonymousId: "mallory-2",
      userId: "ann-1",
      traits: { lastName: "Taken" },
      context: { userHash: identityHash("someone-else") },
    });
    expect(await customerOf(m)).not.toBe(victim);
    expect((await db.customer.findUniqueOrThrow({ where: { id: victim } })).lastName).toBeNull();
  });
});

describe("a verified identify", () => {
  it("merges the visitor's anonymous history into the known profile, and may state consent", async () => {
    const cart = await send(publicKey, "track", { anonymousId: "ann-phone", event: "Product Added", properties: { sku: "A1" } });
    expect(await customerOf(cart)).not.toBe(victim);
    await send(publicKey, "identify", {
      anonymousId: "ann-phone",
      userId: "ann-1",
      traits: { email: "ann@example.com", lastName: "Smith" },
      context: { userHash: identityHash("ann-1") },
    });
    expect(await customerOf(cart)).toBe(victim);
    expect((await db.customer.findUniqueOrThrow({ where: { id: victim } })).lastName).toBe("Smith");

    await send(
      publicKey,
      "track",
      consent(true, { userId: "ann-1", context: { userHash: identityHash("ann-1") }, timestamp: "2026-04-01T10:00:00Z" }),
    );
    expect(await latestConsent(victim)).toBe("granted");
  });

  it("an email hash proves the email", async () => {
    const m = await send(publicKey, "identify", {
      anonymousId: "ann-laptop",
      traits: { email: "ann@example.com" },
      context: { emailHash: identityHash("ann@example.com") },
    });
    expect(await customerOf(m)).toBe(victim);
  });

  it("a new visitor's identify with an email nobody has creates a profile, as before", async () => {
    const m = await send(publicKey, "identify", { anonymousId: "new-visitor", traits: { email: "new@example.com", firstName: "Nia" } });
    const id = (await customerOf(m))!;
    expect(await db.customer.findUniqueOrThrow({ where: { id } })).toMatchObject({ email: "new@example.com", firstName: "Nia" });
  });
});
