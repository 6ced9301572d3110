import { db } from "../db";
import { AppError } from "../errors";
import { publicRateLimiter } from "../http/public-rate-limits";
import { deriveConsentStatus } from "./derive-consent-status";
import { listConsentPurposes } from "./purposes";
import { recordConsent } from "./record-consent";
import { isTestUnsubscribeToken, testSendNotice, verifyUnsubscribeToken } from "./unsubscribe-token";

/**
 * The person's own choices from the preference centre: for each purpose whose answer changed, one
 * record (granted, or withdrawn) with source preference_centre and the request's IP and user agent.
 * Each client address saves at most PUBLIC_RATE_LIMIT times a minute (429 with the seconds to wait).
 */
export async function updatePreferences(options: {
  token: string;
  choices: Record<string, boolean>;
  ip?: string;
  userAgent?: string;
  formVersion: string;
}) {
  await publicRateLimiter("preferences").take(options.ip ?? "unknown");
  if (isTestUnsubscribeToken(options.token)) throw new AppError("bad_request", testSendNotice);
  const subject = verifyUnsubscribeToken(options.token);
  if (!subject) throw new AppError("bad_request", "This link is damaged or was altered. Use the link from one of our emails.");
  const [purposes, history] = await Promise.all([
    listConsentPurposes(),
    db.consentRecord.findMany({
      where: { customerId: subject.customerId },
      select: { id: true, purpose: true, status: true, occurredAt: true },
    }),
  ]);
  const changed: string[] = [];
  for (const purpose of purposes) {
    const wanted = options.choices[purpose.key];
    if (wanted === undefined) continue;
    const current = deriveConsentStatus({ history: history.filter((h) => h.purpose === purpose.key), defaultRule: purpose.defaultRule });
    if (current.allowed === wanted) continue;
    await recordConsent({
      customerId: subject.customerId,
      purpose: purpose.key,
      status: wanted ? "granted" : "withdrawn",
      source: "preference_centre",
      proof: { ip: options.ip, userAgent: options.userAgent, wording: options.formVersion },
      actor: { id: null, label: "the person (preference centre)" },
    });
    changed.push(purpose.key);
  }
  return { changed };
}
