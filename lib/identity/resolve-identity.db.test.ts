import { beforeAll, describe, expect, it } from "vitest";
import { trackingCallsCommitter, createSecretKey, type TrackingCall } from "../../test/tracking-calls";
import { getCustomerConsents } from "../customers/get-customer-consents";
import { db } from "../db";
import type { TrackingEndpoint } from "../tracking/parse-tracking-body";
import { processTrackingEvents } from "./process-tracking-events";
import { undoMerge } from "./undo-merge";

const { commit } = trackingCallsCommitter("m");
let keyId: string;

beforeAll(async () => {
  keyId = await createSecretKey("Shop server", "website");
});

/** Sends calls as the API would accept them, then lets the worker's processing run (all of them in one batch). */
async function send(...calls: TrackingCall[]) {
  for (const call of calls) await commit(keyId, call);
  await processTrackingEvents();
}

const customerOf = async (type: "email" | "phone" | "external_id" | "anonymous_id", value: string) =>
  (await db.identity.findFirst({ where: { type, value }, select: { customerId: true } }))?.customerId ?? null;

describe("identity resolution", () => {
  it("an anonymous visitor who identifies keeps one profile with their history", async () => {
    await send(["page", { anonymousId: "anon-a", name: "Home" }], ["track", { anonymousId: "anon-a", event: "Product Viewed" }]);
    const anon = await customerOf("anonymous_id", "anon-a");
    await send([
      "identify",
      { anonymousId: "anon-a", userId: "user-a", traits: { email: "  Ann.Lee+shop@Example.COM ", name: "Ann Lee", plan: "gold" } },
    ]);
    expect(await customerOf("external_id", "user-a")).toBe(anon);
    // Emails are trimmed and lowercased, with no provider-specific folding of dots or +tags.
    expect(await customerOf("email", "ann.lee+shop@example.com")).toBe(anon);
    const customer = await db.customer.findUniqueOrThrow({ where: { id: anon! } });
    expect(customer).toMatchObject({ email: "ann.lee+shop@example.com", firstName: "Ann", lastName: "Lee", attributes: { plan: "gold" } });
    expect((await db.event.findMany({ where: { customerId: anon! }, orderBy: { id: "asc" } })).map((e) => e.type)).toEqual([
      "page_viewed",
      "Product Viewed",
      "identified",
    ]);
  });

  it("creates new people in bulk: one profile per person however often they call, conflicts left apart", async () => {
    const calls: [TrackingEndpoint, Record<string, unknown>][] = [
      ["track", { userId: "bulk-1", event: "A" }],
      ["track", { userId: "bulk-1", event: "B" }],
      ["identify", { userId: "bulk-2", anonymousId: "bulk-anon-2", traits: { email: "bulk2@example.com", name: "Bo Lk" } }],
      ["page", { anonymousId: "bulk-anon-2" }],
      ["identify", { userId: "bulk-3", anonymousId: "bulk-shared" }],
      ["identify", { userId: "bulk-4", anonymousId: "bulk-shared" }],
    ];
    await send(...calls); // all six in one batch
    const b1 = await customerOf("external_id", "bulk-1");
    expect(await db.event.count({ where: { customerId: b1! } })).toBe(2);
    const b2 = await customerOf("external_id", "bulk-2");
    expect(await customerOf("anonymous_id", "bulk-anon-2")).toBe(b2);
    expect(await customerOf("email", "bulk2@example.com")).toBe(b2);
    expect(await db.customer.findUniqueOrThrow({ where: { id: b2! } })).toMatchObject({
      email: "bulk2@example.com",
      firstName: "Bo",
      lastName: "Lk",
    });
    expect(await db.event.count({ where: { customerId: b2! } })).toBe(2);
    // Two userIds on one device: two profiles, never one.
    const b3 = await customerOf("external_id", "bulk-3");
    const b4 = await customerOf("external_id", "bulk-4");
    expect(b3).not.toBeNull();
    expect(b4).not.toBeNull();
    expect(b3).not.toBe(b4);
  });

  it("merges an anonymous profile into the known one, older survives, and records the merge", async () => {
    await send(["identify", { userId: "user-k", traits: { email: "kim@example.com" } }]);
    const known = await customerOf("external_id", "user-k");
    await send(["page", { anonymousId: "anon-k", name: "Pricing" }]);
    const anon = await customerOf("anonymous_id", "anon-k");
    expect(anon).not.toBe(known);
    await send(["identify", { userId: "user-k", anonymousId: "anon-k" }]);
    expect(await customerOf("anonymous_id", "anon-k")).toBe(known);
    expect(await db.customer.findUnique({ where: { id: anon! } })).toBeNull();
    expect(await db.event.count({ where: { customerId: known!, type: "page_viewed" } })).toBe(1);
    expect(await db.customerMerge.findFirst({ where: { mergedId: anon! } })).toMatchObject({
      survivorId: known,
      identifierType: "anonymous_id",
      identifierValue: "anon-k",
      actorLabel: "worker",
      undoneAt: null,
    });
    expect(await db.auditLog.findFirst({ where: { action: "customer.merged", targetId: String(known) } })).not.toBeNull();
  });

  it("merges two profiles that turn out to share an email, normalizing phones to E.164", async () => {
    await send(["identify", { anonymousId: "anon-s", traits: { email: "sam@example.com" } }]);
    const older = await customerOf("email", "sam@example.com");
    await send(["identify", { userId: "user-s", traits: { phone: "07911 123456" } }]);
    const newer = await customerOf("external_id", "user-s");
    expect(await customerOf("phone", "+447911123456")).toBe(newer);
    await send(["identify", { userId: "user-s", traits: { email: "SAM@example.com" } }]);
    expect(await customerOf("external_id", "user-s")).toBe(older);
    expect(await customerOf("phone", "+447911123456")).toBe(older);
    expect(await db.customerMerge.findFirst({ where: { survivorId: older!, mergedId: newer! } })).toMatchObject({
      identifierType: "email",
      identifierValue: "sam@example.com",
    });
  });

  it("an alias call folds the previous id into the user", async () => {
    await send(["page", { anonymousId: "anon-al" }], ["identify", { userId: "user-al" }]);
    const user = await customerOf("external_id", "user-al");
    await send(["alias", { previousId: "anon-al", userId: "user-al" }]);
    expect(await customerOf("anonymous_id", "anon-al")).toBe(await customerOf("external_id", "user-al"));
    expect([user, await customerOf("anonymous_id", "anon-al")]).toContain(await customerOf("external_id", "user-al"));
  });

  it("never merges two different external ids from one source: flags a conflict", async () => {
    await send(["identify", { userId: "user-c1", traits: { email: "family@example.com" } }]);
    await send(["identify", { userId: "user-c2", traits: { email: "family@example.com" } }]);
    const c1 = await customerOf("external_id", "user-c1");
    const c2 = await customerOf("external_id", "user-c2");
    expect(c1).not.toBeNull();
    expect(c2).not.toBeNull();
    expect(c1).not.toBe(c2);
    expect(await customerOf("email", "family@example.com")).toBe(c1);
    expect(await db.identityFlag.findFirst({ where: { kind: "conflict", value: "family@example.com" } })).toMatchObject({
      customerIds: [c1, c2].sort((a, b) => a! - b!),
    });
  });

  it("never merges on a blocklisted identifier: flags it as junk", async () => {
    await send(
      ["identify", { userId: "user-j1", traits: { email: "Test@Test.com" } }],
      ["identify", { userId: "user-j2", traits: { email: "test@test.com", phone: "0000000000" } }],
    );
    expect(await customerOf("external_id", "user-j1")).not.toBe(await customerOf("external_id", "user-j2"));
    expect(await customerOf("email", "test@test.com")).toBeNull();
    expect(await db.identityFlag.findFirst({ where: { kind: "junk", type: "email", value: "test@test.com" } })).toMatchObject({ count: 2 });
  });

  it("stops merging on an identifier shared by more profiles than allowed", async () => {
    await db.identitySetting.create({ data: { id: 1, maxProfilesPerIdentifier: 3 } });
    try {
      for (const i of [1, 2, 3, 4]) await send(["page", { anonymousId: `kiosk-${i}` }]);
      for (const i of [1, 2, 3, 4]) await send(["identify", { anonymousId: `kiosk-${i}`, traits: { email: "kiosk@example.com" } }]);
      const owner = await customerOf("email", "kiosk@example.com");
      expect(await customerOf("anonymous_id", "kiosk-2")).toBe(owner);
      expect(await customerOf("anonymous_id", "kiosk-3")).toBe(owner);
      expect(await customerOf("anonymous_id", "kiosk-4")).not.toBe(owner);
      expect(await db.identityFlag.findFirst({ where: { kind: "junk", value: "kiosk@example.com" } })).toMatchObject({
        detail: expect.stringMatching(/more than 3 profiles/),
      });
      // Once junk, it is never merged on again.
      await send(["identify", { userId: "user-kiosk", traits: { email: "kiosk@example.com" } }]);
      expect(await customerOf("external_id", "user-kiosk")).not.toBe(owner);
    } finally {
      await db.identitySetting.delete({ where: { id: 1 } });
    }
  });

  it("an admin can undo a merge: both profiles come back with their own history, and stay apart", async () => {
    await send(
      ["identify", { anonymousId: "anon-u", traits: { email: "uma@example.com", city_of_birth: "Leeds" } }],
      ["track", { anonymousId: "anon-u", event: "Viewed" }],
    );
    const a = (await customerOf("anonymous_id", "anon-u"))!;
    await send(["identify", { userId: "user-u" }], ["track", { userId: "user-u", event: "Bought" }]);
    const b = (await customerOf("external_id", "user-u"))!;
    await send(["identify", { userId: "user-u", traits: { email: "uma@example.com" } }]);
    const merge = await db.customerMerge.findFirstOrThrow({ where: { survivorId: a, mergedId: b } });
    expect(await db.event.count({ where: { customerId: a, type: "Bought" } })).toBe(1);

    const admin = { id: null, label: "admin@example.com" };
    expect(await undoMerge({ mergeId: merge.id, actor: admin })).toEqual({ survivorId: a, restoredId: b });
    expect(await customerOf("external_id", "user-u")).toBe(b);
    expect(await customerOf("anonymous_id", "anon-u")).toBe(a);
    expect(await db.event.count({ where: { customerId: b, type: "Bought" } })).toBe(1);
    expect(await db.event.count({ where: { customerId: a, type: "Viewed" } })).toBe(1);
    expect(await db.customerMerge.findUniqueOrThrow({ where: { id: merge.id } })).toMatchObject({ undoneBy: "admin@example.com" });
    await expect(undoMerge({ mergeId: merge.id, actor: admin })).rejects.toThrow(/already undone/);

    // The same identifiers again do not merge them back; the refusal is flagged.
    await send(["identify", { userId: "user-u", traits: { email: "uma@example.com" } }]);
    expect(await customerOf("external_id", "user-u")).toBe(b);
    expect(await db.customer.count({ where: { id: { in: [a, b] } } })).toBe(2);
    expect(await db.identityFlag.findFirst({ where: { kind: "conflict", detail: { contains: "undid" } } })).not.toBeNull();
  });

  it("after a merge, the most recent consent per purpose wins and both histories are kept", async () => {
    await send(["identify", { anonymousId: "anon-c", traits: { email: "cora@example.com" } }]);
    const a = (await customerOf("anonymous_id", "anon-c"))!;
    await send(["identify", { userId: "user-c" }]);
    const b = (await customerOf("external_id", "user-c"))!;
    const at = (iso: string) => new Date(iso);
    await db.consentRecord.createMany({
      data: [
        { customerId: a, purpose: "email_marketing", status: "granted", source: "import", occurredAt: at("2026-01-01T00:00:00Z") },
        { customerId: a, purpose: "personalization", status: "granted", source: "import", occurredAt: at("2026-02-01T00:00:00Z") },
        { customerId: b, purpose: "email_marketing", status: "withdrawn", source: "tracking_api", occurredAt: at("2026-01-15T00:00:00Z") },
        { customerId: b, purpose: "personalization", status: "denied", source: "tracking_api", occurredAt: at("2026-01-10T00:00:00Z") },
      ],
    });
    await send(["identify", { userId: "user-c", traits: { email: "cora@example.com" } }]);
    const survivor = (await customerOf("external_id", "user-c"))!;
    expect(survivor).toBe(a);
    const consents = await getCustomerConsents({ customerId: survivor });
    expect(consents.find((c) => c.purpose === "email_marketing")).toMatchObject({ status: "withdrawn", source: "tracking_api" });
    expect(consents.find((c) => c.purpose === "personalization")).toMatchObject({ status: "granted", source: "import" });
    expect(await db.consentRecord.count({ where: { customerId: survivor } })).toBe(4);
  });
});
