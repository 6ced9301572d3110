import { db } from "../db";
import { AppError } from "../errors";
import { addressHash } from "./installation-secret";
import { getConsentPurpose } from "./purposes";
import { recordConsent } from "./record-consent";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

/**
 * RFC 8058 one-click unsubscribe: no login, the signed token is the proof. Withdraws consent for
 * the purpose (email marketing unless another is named) and suppresses the address. Idempotent: a
 * repeated click (mail clients retry, people click twice) finds the consent withdrawn and the
 * address suppressed already, and adds no row.
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
  const customer = await db.customer.findUnique({ where: { id: subject.customerId }, select: { id: true, email: true } });
  if (!customer) return { customerId: subject.customerId, unsubscribed: false as const };
  const [latest, suppressed] = await Promise.all([
    db.consentRecord.findFirst({
      where: { customerId: customer.id, purpose: purpose.key },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      select: { status: true },
    }),
    purpose.key === "email_marketing" && customer.email
      ? db.suppression.findFirst({ where: { addressHash: addressHash(customer.email) }, select: { id: true } })
      : true,
  ]);
  if (latest && latest.status !== "granted" && suppressed) return { customerId: customer.id, unsubscribed: true as const };
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
