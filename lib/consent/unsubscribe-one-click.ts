import { db } from "../db";
import { AppError } from "../errors";
import { getConsentPurpose } from "./purposes";
import { recordConsent } from "./record-consent";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

/**
 * RFC 8058 one-click unsubscribe: no login, the signed token is the proof. Withdraws consent for
 * the purpose (email marketing unless another is named) and suppresses the address. Idempotent in
 * effect: a second click appends another withdrawal, which changes nothing.
 */
export async function unsubscribeOneClick(options: { token: string; purpose?: string; ip?: string; userAgent?: string }) {
  const subject = verifyUnsubscribeToken(options.token);
  if (!subject)
    throw new AppError(
      "bad_request",
      "This unsubscribe link is damaged or was altered. Use the link from the email itself, or reply to the email and ask to be removed.",
    );
  const purpose = await getConsentPurpose({ key: options.purpose ?? "email_marketing" });
  if (!purpose) throw new AppError("bad_request", `Unknown purpose "${options.purpose}".`);
  const exists = await db.customer.findUnique({ where: { id: subject.customerId }, select: { id: true } });
  if (!exists) return { customerId: subject.customerId, unsubscribed: false as const };
  await recordConsent({
    customerId: subject.customerId,
    purpose: purpose.key,
    status: "withdrawn",
    source: "unsubscribe_link",
    proof: { ip: options.ip, userAgent: options.userAgent, wording: "List-Unsubscribe one-click (RFC 8058)" },
    actor: { id: null, label: "the person (unsubscribe link)" },
  });
  return { customerId: subject.customerId, unsubscribed: true as const };
}
