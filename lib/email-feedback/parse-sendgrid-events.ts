import { createPublicKey, verify } from "node:crypto";
import { dateOf, normalizeMessageId, UnauthenticatedFeedback, type EmailFeedback } from "./feedback";

/** The headers of SendGrid's signed event webhook. */
export const sendgridSignatureHeader = "x-twilio-email-event-webhook-signature";
export const sendgridTimestampHeader = "x-twilio-email-event-webhook-timestamp";

/**
 * SendGrid's signed event webhook: an ECDSA (P-256, SHA-256) signature of timestamp + raw body under
 * the verification key shown in SendGrid's settings (base64 DER, SENDGRID_WEBHOOK_PUBLIC_KEY).
 * Timestamps more than `toleranceSeconds` away are refused (a replayed old request).
 */
export function verifySendgridSignature(options: {
  publicKey: string | undefined;
  rawBody: string;
  signature: string | null;
  timestamp: string | null;
  now?: Date;
  toleranceSeconds?: number;
}): void {
  if (!options.publicKey)
    throw new UnauthenticatedFeedback(
      "SendGrid notifications are not accepted: set SENDGRID_WEBHOOK_PUBLIC_KEY to the verification key of SendGrid's signed event webhook.",
    );
  if (!options.signature || !options.timestamp) throw new UnauthenticatedFeedback("The SendGrid signature headers are missing.");
  const seconds = Number(options.timestamp);
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (!Number.isFinite(seconds) || Math.abs(now - seconds) > (options.toleranceSeconds ?? 600))
    throw new UnauthenticatedFeedback("The SendGrid timestamp is too far from now (an old or replayed request).");
  let key;
  try {
    key = createPublicKey({ key: Buffer.from(options.publicKey, "base64"), format: "der", type: "spki" });
  } catch {
    throw new UnauthenticatedFeedback("SENDGRID_WEBHOOK_PUBLIC_KEY is not a base64 public key: copy it again from SendGrid.");
  }
  const ok = verify("sha256", Buffer.from(options.timestamp + options.rawBody, "utf8"), key, Buffer.from(options.signature, "base64"));
  if (!ok) throw new UnauthenticatedFeedback("The SendGrid signature does not verify: the request was altered or not sent by SendGrid.");
}

/**
 * SendGrid events that matter for suppression: `bounce` (type "bounce" hard, "blocked" soft),
 * `dropped` for a bounced or invalid address (hard), `spamreport` (complaint).
 */
export function parseSendgridEvents(body: unknown, received: Date): EmailFeedback[] {
  if (!Array.isArray(body)) return [];
  const out: EmailFeedback[] = [];
  for (const raw of body) {
    const e = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    if (typeof e.email !== "string") continue;
    const base = { email: e.email, messageId: normalizeMessageId(e["smtp-id"]), occurredAt: dateOf(e.timestamp, received) };
    const reason = typeof e.reason === "string" ? e.reason : "";
    if (e.event === "bounce") {
      const hard = e.type !== "blocked";
      out.push({
        ...base,
        kind: hard ? "hard_bounce" : "soft_bounce",
        detail: `SendGrid ${String(e.type ?? "bounce")}${reason ? `: ${reason}` : ""}`,
      });
    } else if (e.event === "dropped" && /bounced address|invalid/i.test(reason)) {
      out.push({ ...base, kind: "hard_bounce", detail: `SendGrid dropped: ${reason}` });
    } else if (e.event === "spamreport") {
      out.push({ ...base, kind: "complaint", detail: "SendGrid spam report" });
    }
  }
  return out;
}
