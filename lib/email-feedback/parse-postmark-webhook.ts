import { timingSafeEqual } from "node:crypto";
import { dateOf, normalizeMessageId, UnauthenticatedFeedback, type EmailFeedback } from "./feedback";

/**
 * Postmark webhooks authenticate with HTTP basic auth in the webhook's URL
 * (https://user:password@…): the credentials must equal POSTMARK_WEBHOOK_USER/PASSWORD.
 */
export function verifyPostmarkAuth(options: { authorization: string | null; user?: string; password?: string }): void {
  if (!options.user || !options.password)
    throw new UnauthenticatedFeedback(
      "Postmark notifications are not accepted: set POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD and put them in the webhook's URL.",
    );
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(options.authorization ?? "");
  if (!m) throw new UnauthenticatedFeedback("The Postmark request has no basic auth credentials.");
  const given = Buffer.from(m[1]!, "base64");
  const expected = Buffer.from(`${options.user}:${options.password}`, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new UnauthenticatedFeedback("The Postmark credentials are wrong.");
}

/** Postmark's bounce (HardBounce and BadEmailAddress hard, other types soft) and spam complaint webhooks. */
export function parsePostmarkWebhook(body: unknown, received: Date): EmailFeedback[] {
  const e = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  if (typeof e.Email !== "string") return [];
  const messageId = normalizeMessageId((e.Metadata as Record<string, unknown> | undefined)?.message_id ?? null);
  if (e.RecordType === "Bounce") {
    const hard = e.Type === "HardBounce" || e.Type === "BadEmailAddress";
    return [
      {
        kind: hard ? "hard_bounce" : "soft_bounce",
        email: e.Email,
        messageId,
        occurredAt: dateOf(e.BouncedAt, received),
        detail: `Postmark ${String(e.Type)}${typeof e.Description === "string" ? `: ${e.Description}` : ""}`,
      },
    ];
  }
  if (e.RecordType === "SpamComplaint")
    return [{ kind: "complaint", email: e.Email, messageId, occurredAt: dateOf(e.BouncedAt, received), detail: "Postmark spam complaint" }];
  return [];
}
