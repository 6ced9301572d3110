import { db } from "../db";
import { deriveConsentStatus, type DerivedConsent } from "./derive-consent-status";
import { listConsentPurposes, type ConsentPurposeInfo } from "./purposes";
import { isTestUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";

export interface PreferenceRow extends DerivedConsent {
  purpose: ConsentPurposeInfo;
}

export type PreferencesView =
  | { state: "invalid" }
  | { state: "gone" }
  /** The link of a test send: the page says so and offers nothing to change. */
  | { state: "test" }
  | { state: "ok"; customerId: number; maskedEmail: string | null; preferences: PreferenceRow[] };

/** What the public preference centre shows for a signed token: each purpose and its current state. */
export async function getPreferences(options: { token: string }): Promise<PreferencesView> {
  if (isTestUnsubscribeToken(options.token)) return { state: "test" };
  const subject = verifyUnsubscribeToken(options.token);
  if (!subject) return { state: "invalid" };
  const customer = await db.customer.findUnique({ where: { id: subject.customerId }, select: { id: true, email: true, erasedAt: true } });
  if (customer?.erasedAt) return { state: "gone" };
  if (!customer || !customer.email)
    return customer ? { state: "ok", customerId: customer.id, maskedEmail: null, preferences: await rows(customer.id) } : { state: "gone" };
  return { state: "ok", customerId: customer.id, maskedEmail: maskAddress(customer.email), preferences: await rows(customer.id) };
}

async function rows(customerId: number): Promise<PreferenceRow[]> {
  const [purposes, history] = await Promise.all([
    listConsentPurposes(),
    db.consentRecord.findMany({ where: { customerId }, select: { id: true, purpose: true, status: true, occurredAt: true } }),
  ]);
  return purposes.map((purpose) => ({
    purpose,
    ...deriveConsentStatus({ history: history.filter((h) => h.purpose === purpose.key), defaultRule: purpose.defaultRule }),
  }));
}

/** "anna@example.com" → "a•••@example.com": enough for the person to recognise, little for anyone else. */
function maskAddress(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}
