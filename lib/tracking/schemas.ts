import { z } from "zod";

/** Segment's limits: 32 KB per call, 500 KB per batch request. */
export const maxCallBytes = 32 * 1024;
export const maxBatchBytes = 500 * 1024;

export const trackingCallTypes = ["identify", "track", "page", "screen", "alias", "group"] as const;
export type TrackingCallType = (typeof trackingCallTypes)[number];

const isoDate = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: "must be an ISO 8601 date, e.g. 2026-01-31T12:00:00.000Z" });

/** userId may come as a number from some libraries; it is stored as a string. */
const id = z
  .union([z.string(), z.number()], { error: (issue) => (issue.input === undefined ? "is required" : "must be a string or a number") })
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, "must not be empty").max(256, "must be at most 256 characters"));

const jsonObject = z.record(z.string(), z.unknown(), { error: "must be a JSON object" });

/** A string field that says what it needs when missing. */
const required = (hint: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `is required: ${hint}` : "must be a string") });

/** The fields every call shares (Segment's common fields). */
const common = {
  userId: id.nullish(),
  anonymousId: id.nullish(),
  messageId: z.string().min(1, "must not be empty").max(256, "must be at most 256 characters").optional(),
  timestamp: isoDate.optional(),
  sentAt: isoDate.optional(),
  originalTimestamp: isoDate.optional(),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
};

const identified = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...common, ...shape })
    .refine((c) => Boolean((c as { userId?: string | null }).userId || (c as { anonymousId?: string | null }).anonymousId), {
      message: "either userId or anonymousId is required",
      path: ["userId"],
    });

export const identifyCallSchema = identified({ type: z.literal("identify").optional(), traits: jsonObject.optional() });
export const trackCallSchema = identified({
  type: z.literal("track").optional(),
  event: required('the name of the action, e.g. "Order Completed"')
    .trim()
    .min(1, 'is required: the name of the action, e.g. "Order Completed"')
    .max(200, "must be at most 200 characters"),
  properties: jsonObject.optional(),
});
export const pageCallSchema = identified({
  type: z.literal("page").optional(),
  name: z.string().max(200).nullish(),
  category: z.string().max(200).nullish(),
  properties: jsonObject.optional(),
});
export const screenCallSchema = identified({
  type: z.literal("screen").optional(),
  name: z.string().max(200).nullish(),
  properties: jsonObject.optional(),
});
export const groupCallSchema = identified({ type: z.literal("group").optional(), groupId: id, traits: jsonObject.optional() });
export const aliasCallSchema = z.object({
  ...common,
  type: z.literal("alias").optional(),
  userId: id,
  previousId: id,
});

export const callSchemas = {
  identify: identifyCallSchema,
  track: trackCallSchema,
  page: pageCallSchema,
  screen: screenCallSchema,
  alias: aliasCallSchema,
  group: groupCallSchema,
} as const;

export type TrackingCall = z.infer<(typeof callSchemas)[TrackingCallType]> & { type?: TrackingCallType };

/** A call ready to commit: what the inbox (tracking_events) stores. */
export interface InboxRow {
  messageId: string;
  apiKeyId: string;
  type: TrackingCallType;
  userId: string | null;
  anonymousId: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
  receivedAt: Date;
}

/** The admin form: create a key. */
export const createApiKeySchema = z.object({
  label: z.string().trim().min(1, 'Give the key a label, e.g. "Website"').max(100),
  kind: z.enum(["public", "secret"]),
  source: z
    .string()
    .trim()
    .min(1, 'Name the source, e.g. "website"')
    .max(50)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lowercase letters, digits, - and _ (e.g. "website")')
    .default("website"),
  allowedOrigins: z
    .array(z.string().trim())
    .default([])
    .transform((list) => list.filter(Boolean))
    .pipe(
      z
        .array(z.string().regex(/^https?:\/\/[^/\s]+$/, "Each origin is a scheme and host without a path, e.g. https://shop.example.com"))
        .max(50),
    ),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

/** The admin form's fields (allowed origins one per line), for the browser and the server action. */
export const apiKeyFormSchema = z.object({
  label: z.string().trim().min(1, 'Give the key a label, e.g. "Website"').max(100),
  kind: z.enum(["public", "secret"], { error: "Choose public (browsers) or secret (servers)" }),
  source: z
    .string()
    .trim()
    .min(1, 'Name the source, e.g. "website"')
    .max(50)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lowercase letters, digits, - and _ (e.g. "website")'),
  allowedOrigins: z
    .string()
    .default("")
    .transform((text) =>
      text
        .split(/[\s,]+/)
        .map((o) => o.trim().replace(/\/+$/, ""))
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^https?:\/\/[^/\s]+$/, "Each origin is a scheme and host without a path, e.g. https://shop.example.com"))
        .max(50),
    ),
});

export const revokeApiKeySchema = z.object({ id: z.string().min(1) });
