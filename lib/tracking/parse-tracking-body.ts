import { randomUUID } from "node:crypto";
import { AppError } from "../errors";
import { findBadCallValue } from "./check-call-values";
import { correctClockSkew } from "./correct-clock-skew";
import { readValidCall, type CallFields } from "./read-valid-call";
import { callSchemas, maxBatchBytes, maxCallBytes, trackingCallTypes, type InboxRow, type TrackingCallType } from "./schemas";

export type TrackingEndpoint = TrackingCallType | "batch";

export interface ParsedTrackingBody {
  rows: Omit<InboxRow, "apiKeyId">[];
  /** Segment lets senders that cannot set headers (sendBeacon) put the write key in the body. */
  writeKey?: string;
}

interface FieldError {
  field: string;
  message: string;
}

function invalid(errors: FieldError[]): AppError {
  const message = errors
    .slice(0, 5)
    .map((e) => (e.field ? `${e.field}: ${e.message}` : e.message))
    .join("; ");
  return new AppError("bad_request", `${message}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ""}.`, errors);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function toRow(
  type: TrackingCallType,
  raw: Record<string, unknown>,
  prefix: string,
  receivedAt: Date,
  knownBytes?: number,
): Omit<InboxRow, "apiKeyId"> {
  const bytes = knownBytes ?? Buffer.byteLength(JSON.stringify(raw));
  if (bytes > maxCallBytes) {
    throw new AppError(
      "too_large",
      `${prefix || "The call"} is ${Math.ceil(bytes / 1024)} KB; one call may be at most 32 KB. Send fewer properties or traits.`,
      [{ field: prefix, message: "larger than 32 KB" }],
    );
  }
  // The usual call passes the hand-written check; anything else goes through zod, which words the error.
  let call = readValidCall(type, raw);
  if (!call) {
    const parsed = callSchemas[type].safeParse(raw);
    if (!parsed.success) {
      throw invalid(
        parsed.error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join("."), message: i.message })),
      );
    }
    call = parsed.data as CallFields;
  }
  const timestampField = call.timestamp !== undefined ? "timestamp" : "originalTimestamp";
  const occurredAt = correctClockSkew({ timestamp: call.timestamp ?? call.originalTimestamp, sentAt: call.sentAt, receivedAt });
  if (!(occurredAt instanceof Date)) {
    const field = occurredAt.field === "timestamp" ? timestampField : "sentAt";
    throw invalid([{ field: [prefix, field].filter(Boolean).join("."), message: occurredAt.message }]);
  }
  // Values PostgreSQL would refuse (a lone surrogate) or that no sender means (nesting 1,000 deep)
  // are refused here, with the field named: in the group commit they would fail every call of the group.
  const bad = findBadCallValue(raw, prefix);
  if (bad) throw invalid([bad]);
  return {
    messageId: call.messageId ?? `tailor-${randomUUID()}`,
    type,
    userId: call.userId ?? null,
    anonymousId: call.anonymousId ?? null,
    payload: { ...raw, type },
    occurredAt,
    receivedAt,
  };
}

/**
 * Reads one tracking request's body (already limited to 500 KB by the caller) into inbox rows:
 * Segment's HTTP tracking spec, 32 KB per call, clear 4xx errors naming the field
 * (`batch.3.event: is required`). A batch is accepted whole or not at all.
 */
export function parseTrackingBody(options: { endpoint: TrackingEndpoint; body: Buffer; receivedAt: Date }): ParsedTrackingBody {
  const { endpoint, body, receivedAt } = options;
  const limit = endpoint === "batch" ? maxBatchBytes : maxCallBytes;
  if (body.length > limit) {
    throw new AppError(
      "too_large",
      `The request body is over ${limit / 1024} KB (Segment's limit for /${endpoint}). Split it into smaller calls.`,
    );
  }
  // PostgreSQL's jsonb and text cannot hold the NUL character: one such call would fail its whole group commit.
  if (body.includes("\\u0000")) {
    throw new AppError(
      "bad_request",
      "The request contains the NUL character (\\u0000), which cannot be stored. Remove it from the call's strings.",
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON. Send a JSON object with Content-Type: application/json.");
  }
  if (!isObject(raw)) throw new AppError("bad_request", "The request body must be a JSON object.");
  const writeKey = typeof raw.writeKey === "string" ? raw.writeKey : undefined;

  if (endpoint !== "batch") {
    const { writeKey: _w, ...call } = raw;
    if (call.type !== undefined && call.type !== endpoint) {
      throw invalid([
        { field: "type", message: `is "${String(call.type)}" but this is /${endpoint}; leave type out or send to /${String(call.type)}` },
      ]);
    }
    return { rows: [toRow(endpoint, call, "", receivedAt, body.length)], writeKey };
  }

  if (!Array.isArray(raw.batch)) throw invalid([{ field: "batch", message: "is required: an array of calls, each with a type" }]);
  if (raw.batch.length === 0) throw invalid([{ field: "batch", message: "is empty; send at least one call" }]);
  const shared = {
    context: isObject(raw.context) ? raw.context : undefined,
    integrations: isObject(raw.integrations) ? raw.integrations : undefined,
    sentAt: typeof raw.sentAt === "string" ? raw.sentAt : undefined,
  };
  const rows = raw.batch.map((item, index) => {
    const prefix = `batch.${index}`;
    if (!isObject(item)) throw invalid([{ field: prefix, message: "must be an object" }]);
    const type = item.type;
    if (typeof type !== "string" || !(trackingCallTypes as readonly string[]).includes(type)) {
      throw invalid([{ field: `${prefix}.type`, message: `must be one of ${trackingCallTypes.join(", ")}` }]);
    }
    const call: Record<string, unknown> = { ...item };
    if (shared.context) call.context = { ...shared.context, ...(isObject(item.context) ? item.context : {}) };
    if (shared.integrations && item.integrations === undefined) call.integrations = shared.integrations;
    if (shared.sentAt && item.sentAt === undefined) call.sentAt = shared.sentAt;
    return toRow(type as TrackingCallType, call, prefix, receivedAt);
  });
  return { rows, writeKey };
}
