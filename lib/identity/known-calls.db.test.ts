import { beforeAll, describe, expect, it } from "vitest";
import { trackingCallsCommitter, createSecretKey, type TrackingCall } from "../../test/tracking-calls";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { createApiKey } from "../tracking/create-api-key";
import type { TrackingEndpoint } from "../tracking/parse-tracking-body";
import { processTrackingEvents } from "./process-tracking-events";
import { eventProperties, eventType } from "./timeline-event-of-call";

const { commit } = trackingCallsCommitter("k");
let keyId: string;

beforeAll(async () => {
  keyId = await createSecretKey("App", "app");
});

/** Commits the calls in turn through the keys (round robin); their messageIds. */
async function submit(calls: TrackingCall[], keys = [keyId]): Promise<string[]> {
  const ids: string[] = [];
  for (const [j, call] of calls.entries()) ids.push(await commit(keys[j % keys.length]!, call));
  return ids;
}

const customerOf = async (type: "external_id" | "anonymous_id", value: string) =>
  (await db.identity.findFirst({ where: { type, value }, select: { customerId: true } }))?.customerId ?? null;

/** A login's profile, then (so it is the newer one) a device's: their customer ids. */
async function twoProfiles(userId: string, anonymousId: string): Promise<[number | null, number | null]> {
  await submit([["identify", { userId }]]);
  await processTrackingEvents();
  await submit([["identify", { anonymousId }]]);
  await processTrackingEvents();
  return [await customerOf("external_id", userId), await customerOf("anonymous_id", anonymousId)];
}

// Calls of people already known take the set-based path (SQL); the others go through Node. Both
// must write the same timeline rows: each shape below is checked against the JavaScript definition.
const shapes: [TrackingEndpoint, Record<string, unknown>][] = [
  ["track", { event: "Product Viewed", properties: { sku: "SKU-1", price: 12.5, tags: ["a", "b"], nested: { x: null } } }],
  ["track", { event: "  Spaced Name  " }],
  ["track", { event: "Empty", properties: {} }],
  ["page", { name: "Home", category: "Docs", properties: { path: "/", name: "overridden" } }],
  ["page", { name: "", category: null, properties: { path: "/x" } }],
  ["page", { name: "0", properties: { category: "kept" } }],
  ["page", {}],
  ["screen", { name: "Settings", properties: { tab: 2 } }],
  ["screen", { name: null }],
];

describe("calls of known people (set-based path)", () => {
  it("writes the same timeline rows as the JavaScript path, onto the profile, and counts the key's calls", async () => {
    await submit([["identify", { userId: "known-1", anonymousId: "device-1" }]]);
    await processTrackingEvents();
    const person = await customerOf("external_id", "known-1");
    expect(person).not.toBeNull();
    const usageBefore = await db.apiKeyUsage.findUniqueOrThrow({ where: { apiKeyId: keyId } });

    const variants = shapes.flatMap(([endpoint, call]): [TrackingEndpoint, Record<string, unknown>][] => [
      [endpoint, { ...call, userId: "known-1" }],
      [endpoint, { ...call, anonymousId: "device-1" }],
      [endpoint, { ...call, userId: "known-1", anonymousId: "device-1" }],
    ]);
    const ids = await submit(variants);
    await processTrackingEvents();

    const stored = await db.trackingEvent.findMany({
      where: { messageId: { in: ids } },
      select: { messageId: true, type: true, payload: true, processedAt: true, error: true },
    });
    const events = new Map((await db.event.findMany({ where: { messageId: { in: ids } } })).map((e) => [e.messageId, e]));
    expect(events.size).toBe(ids.length);
    for (const call of stored) {
      expect(call.processedAt).not.toBeNull();
      expect(call.error).toBeNull();
      const event = events.get(call.messageId)!;
      const payload = call.payload as Record<string, unknown>;
      expect({ messageId: call.messageId, type: event.type, properties: event.properties }).toEqual({
        messageId: call.messageId,
        type: eventType({ type: call.type, payload }),
        properties: eventProperties({ type: call.type, payload }),
      });
      expect(event.customerId).toBe(person);
      expect(event.source).toBe("tracking:app");
    }
    const usage = await db.apiKeyUsage.findUniqueOrThrow({ where: { apiKeyId: keyId } });
    expect(usage.events - usageBefore.events).toBe(BigInt(ids.length));
  });

  it("leaves to identity resolution what it must decide: new people, two profiles, identifiers in context.traits", async () => {
    const [a, b] = await twoProfiles("split-1", "split-device");
    expect(a).not.toBe(b);

    const [both, withEmail, fresh] = await submit([
      // Known userId and known anonymousId of two different profiles: they merge, the older survives.
      ["track", { userId: "split-1", anonymousId: "split-device", event: "Both" }],
      // An email in context.traits is an identifier of its own.
      ["track", { userId: "split-1", event: "With email", context: { traits: { email: "Split@Example.com" } } }],
      ["track", { userId: "brand-new", event: "First" }],
    ]);
    await processTrackingEvents();
    const survivor = await customerOf("external_id", "split-1");
    expect(survivor).toBe(a);
    expect(await customerOf("anonymous_id", "split-device")).toBe(survivor);
    expect(await db.customerMerge.count({ where: { survivorId: survivor!, undoneAt: null } })).toBe(1);
    expect((await db.event.findFirstOrThrow({ where: { messageId: both! } })).customerId).toBe(survivor);
    expect((await db.event.findFirstOrThrow({ where: { messageId: withEmail! } })).customerId).toBe(survivor);
    expect(await db.identity.count({ where: { type: "email", value: "split@example.com", customerId: survivor! } })).toBe(1);
    const newcomer = await customerOf("external_id", "brand-new");
    expect(newcomer).not.toBeNull();
    expect((await db.event.findFirstOrThrow({ where: { messageId: fresh! } })).customerId).toBe(newcomer);
  });

  it("a merge later in the same batch also moves the events the set-based path wrote for the merged profile", async () => {
    const [older, newer] = await twoProfiles("late-1", "late-device");
    // One batch: a call of the newer profile alone (set-based), then the call that merges both.
    const [alone] = await submit([
      ["track", { anonymousId: "late-device", event: "Alone" }],
      ["identify", { userId: "late-1", anonymousId: "late-device" }],
    ]);
    await processTrackingEvents();
    expect(await db.customer.count({ where: { id: newer! } })).toBe(0);
    expect((await db.event.findFirstOrThrow({ where: { messageId: alone! } })).customerId).toBe(older);
  });

  it("batches running at once (two workers, two lanes each) merge and write each person exactly once", async () => {
    const people = 60;
    // Two keys of one source (the same userIds): batches then share no per-key counter row, which
    // would otherwise make them wait for each other.
    const keys = [
      keyId,
      (await createApiKey({ input: { label: "App 2", kind: "secret", source: "app" }, actor: systemActor("system") })).id,
    ];
    // Each person first as two separate profiles (a device, a login), with events on both.
    await submit(
      Array.from({ length: people }, (_, i): [TrackingEndpoint, Record<string, unknown>][] => [
        ["track", { userId: `par-${i}`, event: "Logged in" }],
        ["track", { anonymousId: `par-device-${i}`, event: "Browsed" }],
      ]).flat(),
    );
    await processTrackingEvents();
    // Then, interleaved: events on both known profiles (set-based) and the identify that merges them.
    const ids = await submit(
      Array.from({ length: people }, (_, i): [TrackingEndpoint, Record<string, unknown>][] => [
        ["track", { anonymousId: `par-device-${i}`, event: "Browsed" }],
        ["identify", { userId: `par-${i}`, anonymousId: `par-device-${i}` }],
        ["track", { userId: `par-${i}`, event: "Bought" }],
        ["page", { anonymousId: `par-device-${i}`, name: "Thanks" }],
        // A new person whose first calls fall into batches running at the same time.
        ["track", { userId: `par-new-${i}`, event: "Signed up" }],
        ["track", { userId: `par-new-${i}`, event: "Browsed" }],
      ]).flat(),
      keys,
    );
    await Promise.all([processTrackingEvents({ batchSize: 5, lanes: 2 }), processTrackingEvents({ batchSize: 5, lanes: 2 })]);

    const calls = await db.trackingEvent.findMany({ where: { messageId: { in: ids } }, select: { processedAt: true, error: true } });
    expect(calls.every((c) => c.processedAt !== null && c.error === null)).toBe(true);
    for (let i = 0; i < people; i++) {
      const person = await customerOf("external_id", `par-${i}`);
      expect(await customerOf("anonymous_id", `par-device-${i}`)).toBe(person);
      // 2 before + 4 now, all on the one surviving profile.
      expect(await db.event.count({ where: { customerId: person! } })).toBe(6);
      expect(await db.customerMerge.count({ where: { survivorId: person!, undoneAt: null } })).toBe(1);
    }
    for (let i = 0; i < people; i++) {
      const newcomer = await customerOf("external_id", `par-new-${i}`);
      expect(await db.event.count({ where: { customerId: newcomer! } })).toBe(2);
    }
    expect(await db.event.count({ where: { messageId: { in: ids } } })).toBe(ids.length);
    // No profile was created twice for one person (a second one would have no identifier).
    expect(await db.customer.count({ where: { identities: { none: {} } } })).toBe(0);
  }, 180_000); // 72 small batches in two processes at once: a minute or more beside the rest of npm test
});
