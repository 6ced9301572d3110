import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { readApiKeyToken } from "./api-key-token";
import { correctClockSkew } from "./correct-clock-skew";
import { parseTrackingBody } from "./parse-tracking-body";

const receivedAt = new Date("2026-03-01T12:00:00.000Z");
const body = (v: unknown) => Buffer.from(JSON.stringify(v));
const parse = (endpoint: Parameters<typeof parseTrackingBody>[0]["endpoint"], v: unknown) =>
  parseTrackingBody({ endpoint, body: body(v), receivedAt });

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("parseTrackingBody: Segment's HTTP tracking spec", () => {
  it("reads a track call with its fields", () => {
    const { rows } = parse("track", {
      userId: 42,
      event: "Order Completed",
      properties: { total: 30 },
      messageId: "m-1",
      timestamp: "2026-03-01T11:00:00.000Z",
    });
    expect(rows).toEqual([
      expect.objectContaining({
        type: "track",
        userId: "42",
        anonymousId: null,
        messageId: "m-1",
        occurredAt: new Date("2026-03-01T11:00:00.000Z"),
      }),
    ]);
    expect(rows[0]!.payload).toMatchObject({ event: "Order Completed", properties: { total: 30 }, type: "track" });
  });

  it("requires userId or anonymousId, naming the field", () => {
    const e = errorOf(() => parse("identify", { traits: { email: "a@b.c" } }));
    expect(e.code).toBe("bad_request");
    expect(e.message).toMatch(/userId: either userId or anonymousId is required/);
  });

  it("requires the event name on track, and previousId on alias", () => {
    expect(errorOf(() => parse("track", { anonymousId: "a" })).message).toMatch(/^event: /);
    expect(errorOf(() => parse("alias", { userId: "u" })).message).toMatch(/previousId/);
  });

  it("rejects a bad timestamp, naming it", () => {
    expect(errorOf(() => parse("page", { anonymousId: "a", timestamp: "yesterday" })).message).toMatch(
      /timestamp: must be an ISO 8601 date/,
    );
  });

  it("rejects a type that does not match the endpoint", () => {
    expect(errorOf(() => parse("track", { type: "identify", userId: "u", event: "x" })).message).toMatch(
      /type: is "identify" but this is \/track/,
    );
  });

  it("rejects bodies that are not JSON objects", () => {
    expect(errorOf(() => parseTrackingBody({ endpoint: "track", body: Buffer.from("{nope"), receivedAt })).message).toMatch(
      /not valid JSON/,
    );
    expect(errorOf(() => parse("track", [1, 2])).message).toMatch(/must be a JSON object/);
  });

  it("generates a messageId when the sender gives none", () => {
    const { rows } = parse("page", { anonymousId: "a" });
    expect(rows[0]!.messageId).toMatch(/^tailor-[0-9a-f-]{36}$/);
  });

  it("takes the write key from the body for senders that cannot set headers", () => {
    expect(parse("track", { writeKey: "tk_pub_x", anonymousId: "a", event: "e" }).writeKey).toBe("tk_pub_x");
    expect(parse("track", { writeKey: "tk_pub_x", anonymousId: "a", event: "e" }).rows[0]!.payload).not.toHaveProperty("writeKey");
  });
});

describe("limits", () => {
  it("refuses a call over 32 KB with 413", () => {
    const e = errorOf(() => parse("track", { anonymousId: "a", event: "big", properties: { blob: "x".repeat(33 * 1024) } }));
    expect(e.code).toBe("too_large");
    expect(e.message).toMatch(/32 KB/);
  });

  it("refuses a batch over 500 KB, and names the call over 32 KB inside a batch", () => {
    const calls = Array.from({ length: 20 }, () => ({
      type: "track",
      anonymousId: "a",
      event: "e",
      properties: { blob: "x".repeat(30 * 1024) },
    }));
    expect(errorOf(() => parse("batch", { batch: calls })).message).toMatch(/over 500 KB/);
    const one = [
      { type: "track", anonymousId: "a", event: "ok" },
      { type: "track", anonymousId: "a", event: "big", properties: { blob: "x".repeat(33 * 1024) } },
    ];
    expect(errorOf(() => parse("batch", { batch: one })).message).toMatch(/^batch\.1 is 3\d KB; one call may be at most 32 KB/);
  });
});

describe("batch", () => {
  it("accepts mixed calls and names the failing field by its index", () => {
    const e = errorOf(() =>
      parse("batch", {
        batch: [
          { type: "identify", userId: "u" },
          { type: "track", userId: "u" },
        ],
      }),
    );
    expect(e.message).toMatch(/^batch\.1\.event: /);
    expect(errorOf(() => parse("batch", { batch: [{ type: "launch", userId: "u" }] })).message).toMatch(
      /batch\.0\.type: must be one of identify, track/,
    );
    expect(errorOf(() => parse("batch", { batch: [] })).message).toMatch(/batch: is empty/);
    expect(errorOf(() => parse("batch", {})).message).toMatch(/batch: is required/);
  });

  it("applies the batch's context and sentAt to each call", () => {
    const { rows } = parse("batch", {
      sentAt: "2026-03-01T12:10:00.000Z",
      context: { library: { name: "analytics-node" } },
      batch: [
        { type: "identify", userId: "u", traits: { email: "a@b.c" }, timestamp: "2026-03-01T12:05:00.000Z", context: { ip: "1.2.3.4" } },
        { type: "track", userId: "u", event: "Signed Up" },
      ],
    });
    expect(rows.map((r) => r.type)).toEqual(["identify", "track"]);
    expect(rows[0]!.payload.context).toEqual({ library: { name: "analytics-node" }, ip: "1.2.3.4" });
    // The sender's clock is 10 minutes ahead: the event happened 5 minutes before it sent the batch.
    expect(rows[0]!.occurredAt).toEqual(new Date("2026-03-01T11:55:00.000Z"));
  });
});

describe("clock skew, as the spec describes", () => {
  it("corrects timestamp by the difference between sentAt and the time received", () => {
    expect(correctClockSkew({ timestamp: "2026-03-01T13:00:00.000Z", sentAt: "2026-03-01T13:00:30.000Z", receivedAt })).toEqual(
      new Date("2026-03-01T11:59:30.000Z"),
    );
  });
  it("refuses the NUL character, which PostgreSQL cannot store, before it can fail a whole group commit", () => {
    const e = errorOf(() => parseTrackingBody({ endpoint: "track", body: Buffer.from('{"userId":"u","event":"a\\u0000b"}'), receivedAt }));
    expect(e.code).toBe("bad_request");
    expect(e.message).toMatch(/NUL character/);
  });

  it("takes the timestamp as given without sentAt, and the receiving time without a timestamp", () => {
    expect(correctClockSkew({ timestamp: "2026-03-01T09:00:00.000Z", receivedAt })).toEqual(new Date("2026-03-01T09:00:00.000Z"));
    expect(correctClockSkew({ receivedAt })).toEqual(receivedAt);
  });
});

describe("readApiKeyToken", () => {
  it("reads HTTP Basic with the key as user name, Bearer, or the body's writeKey", () => {
    const basic = `Basic ${Buffer.from("tk_pub_abc:").toString("base64")}`;
    expect(readApiKeyToken({ authorization: basic })).toBe("tk_pub_abc");
    expect(readApiKeyToken({ authorization: "Bearer tk_sec_x" })).toBe("tk_sec_x");
    expect(readApiKeyToken({ authorization: null, bodyWriteKey: "tk_pub_y" })).toBe("tk_pub_y");
    expect(readApiKeyToken({})).toBeNull();
  });
});
