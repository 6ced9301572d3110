import { dateOf, normalizeMessageId, type EmailFeedback } from "./feedback";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

/**
 * Amazon SES bounce and complaint notifications (an SNS notification's Message), both forms: the
 * identity notifications (`notificationType`) and the event publishing ones (`eventType`).
 * Permanent bounces are hard, Transient and Undetermined soft. Other notifications give nothing.
 */
export function parseSesNotification(messageText: string, received: Date): EmailFeedback[] {
  let message: Json;
  try {
    message = obj(JSON.parse(messageText));
  } catch {
    return [];
  }
  const type = message.notificationType ?? message.eventType;
  const mail = obj(message.mail);
  const header = list(mail.headers).find((h) => typeof h.name === "string" && h.name.toLowerCase() === "message-id");
  const messageId = normalizeMessageId(header?.value ?? obj(mail.commonHeaders).messageId);
  if (type === "Bounce") {
    const bounce = obj(message.bounce);
    const hard = bounce.bounceType === "Permanent";
    return list(bounce.bouncedRecipients)
      .filter((r) => typeof r.emailAddress === "string")
      .map((r) => ({
        kind: hard ? "hard_bounce" : "soft_bounce",
        email: String(r.emailAddress),
        messageId,
        occurredAt: dateOf(bounce.timestamp, received),
        detail: [`SES ${String(bounce.bounceType)}/${String(bounce.bounceSubType)}`, r.diagnosticCode].filter(Boolean).join(": "),
      }));
  }
  if (type === "Complaint") {
    const complaint = obj(message.complaint);
    return list(complaint.complainedRecipients)
      .filter((r) => typeof r.emailAddress === "string")
      .map((r) => ({
        kind: "complaint",
        email: String(r.emailAddress),
        messageId,
        occurredAt: dateOf(complaint.timestamp, received),
        detail: `SES complaint${complaint.complaintFeedbackType ? ` (${String(complaint.complaintFeedbackType)})` : ""}`,
      }));
  }
  return [];
}
