import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { normalizeMessageId, UnauthenticatedFeedback, type EmailFeedback } from "./feedback";

/**
 * Tailor's own notification format, for any provider or relay (docs/email-feedback.md): a POST with
 * `Authorization: Bearer <WEBHOOK_SECRET>` and a JSON body of one event or `{ "events": [...] }`.
 */
const eventSchema = z.object({
  type: z.enum(["bounce", "complaint"]),
  email: z.string().trim().email(),
  bounce_type: z.enum(["hard", "soft"]).default("hard"),
  message_id: z.string().max(998).optional(),
  occurred_at: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().max(1000).optional(),
});
export const genericWebhookSchema = z.union([z.object({ events: z.array(eventSchema).min(1).max(1000) }), eventSchema]);

export function verifyGenericSecret(options: { authorization: string | null; secret?: string }): void {
  if (!options.secret)
    throw new UnauthenticatedFeedback("Generic notifications are not accepted: set WEBHOOK_SECRET (32+ random characters) first.");
  const m = /^Bearer\s+(\S+)$/i.exec(options.authorization ?? "");
  const given = Buffer.from(m?.[1] ?? "", "utf8");
  const expected = Buffer.from(options.secret, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new UnauthenticatedFeedback("The webhook secret is missing or wrong (Authorization: Bearer <WEBHOOK_SECRET>).");
}

/** The events of a generic notification (zod errors name the field; the caller maps them to 422). */
export function parseGenericWebhook(body: unknown, received: Date): EmailFeedback[] {
  const parsed = genericWebhookSchema.parse(body);
  const events = "events" in parsed ? parsed.events : [parsed];
  return events.map((e) => ({
    kind: e.type === "complaint" ? "complaint" : e.bounce_type === "hard" ? "hard_bounce" : "soft_bounce",
    email: e.email,
    messageId: normalizeMessageId(e.message_id),
    occurredAt: e.occurred_at ? new Date(e.occurred_at) : received,
    detail: e.reason ?? "",
  }));
}
