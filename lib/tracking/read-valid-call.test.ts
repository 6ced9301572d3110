import { describe, expect, it } from "vitest";
import { readValidCall } from "./read-valid-call";
import { callSchemas, trackingCallTypes, type TrackingCallType } from "./schemas";

const pick = (d: Record<string, unknown>) => {
  const out: Record<string, unknown> = {};
  for (const k of ["userId", "anonymousId", "messageId", "timestamp", "sentAt", "originalTimestamp"]) if (d[k] !== undefined) out[k] = d[k];
  return out;
};

// Values each field may take, valid and not: every call below combines them.
const ids: unknown[] = [undefined, null, "u-1", "  padded  ", "", "   ", 42, 0, "x".repeat(256), "x".repeat(257), true, {}, []];
const dates: unknown[] = [undefined, "2026-03-01T11:00:00.000Z", "2026-03-01", "yesterday", null, 17];
const objects: unknown[] = [undefined, { a: 1 }, {}, [], null, "text"];
const texts: unknown[] = [undefined, null, "Pricing", "", "x".repeat(200), "x".repeat(201), 3];
const events: unknown[] = [undefined, "Order Completed", " Padded ", "", "   ", "x".repeat(200), "x".repeat(201), 5, null];
const messageIds: unknown[] = [undefined, "m-1", "", "x".repeat(257), 12, null];

function calls(type: TrackingCallType): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const userId of ids)
    for (const anonymousId of [undefined, "anon-1", "", 7, null])
      out.push({ userId, anonymousId, event: "E", groupId: "g", previousId: "p" });
  for (const timestamp of dates)
    for (const sentAt of dates)
      out.push({ userId: "u", timestamp, sentAt, originalTimestamp: dates[2], event: "E", groupId: "g", previousId: "p" });
  for (const context of objects)
    for (const integrations of objects) out.push({ anonymousId: "a", context, integrations, event: "E", groupId: "g", previousId: "p" });
  for (const messageId of messageIds)
    for (const t of [undefined, type, "track", "identify", 3])
      out.push({ userId: "u", messageId, type: t, event: "E", groupId: "g", previousId: "p" });
  for (const event of events) for (const properties of objects) out.push({ userId: "u", event, properties, name: "n" });
  for (const name of texts)
    for (const category of texts) out.push({ anonymousId: "a", name, category, event: "E", groupId: "g", previousId: "p" });
  for (const traits of objects) for (const groupId of ids) out.push({ userId: "u", traits, groupId, event: "E", previousId: "p" });
  for (const previousId of ids) for (const userId of ids.slice(0, 6)) out.push({ userId, previousId, anonymousId: "a" });
  return out;
}

describe("readValidCall: the hand-written hot path agrees with the zod schemas", () => {
  for (const type of trackingCallTypes) {
    it(`never accepts a ${type} call the schema refuses, and reads the same fields`, () => {
      let fast = 0;
      for (const raw of calls(type)) {
        const quick = readValidCall(type, raw);
        const parsed = callSchemas[type].safeParse(raw);
        if (quick === null) continue;
        fast++;
        expect(parsed.success, JSON.stringify(raw)).toBe(true);
        expect(pick(quick as Record<string, unknown>), JSON.stringify(raw)).toEqual(pick(parsed.data as Record<string, unknown>));
      }
      // The common shapes do take the fast path.
      expect(fast).toBeGreaterThan(20);
    });
  }

  it("takes the fast path for the usual calls", () => {
    expect(
      readValidCall("track", {
        userId: 42,
        event: "Order Completed",
        properties: { total: 30 },
        messageId: "m-1",
        timestamp: "2026-03-01T11:00:00.000Z",
      }),
    ).toEqual({
      userId: "42",
      anonymousId: undefined,
      messageId: "m-1",
      timestamp: "2026-03-01T11:00:00.000Z",
      sentAt: undefined,
      originalTimestamp: undefined,
    });
    expect(readValidCall("identify", { anonymousId: " a-1 ", traits: { email: "x@y.z" } })).toMatchObject({ anonymousId: "a-1" });
    expect(readValidCall("alias", { userId: "u", previousId: "anon" })).toMatchObject({ userId: "u" });
  });
});
