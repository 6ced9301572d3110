import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { deriveConsentStatus, type DerivedConsent } from "./derive-consent-status";
import { getConsentPurpose } from "./purposes";
import { findSuppressedAddresses } from "./find-suppressed-addresses";

export interface MayUseAnswer extends DerivedConsent {
  purpose: string;
  /** For email_marketing: the person's address is on the suppression list (never send, whatever the consent). */
  suppressed: boolean;
}

/**
 * The one question segments, clustering, scoring and sending ask: may we use this person for
 * `purpose`? Consent history (or the purpose's default) decides; for email marketing a suppressed
 * address also says no.
 */
export async function mayUse(options: { customerId: number; purpose: string }): Promise<MayUseAnswer> {
  const purpose = await getConsentPurpose({ key: options.purpose });
  if (!purpose) throw new AppError("not_found", `There is no consent purpose "${options.purpose}". Add it on the Privacy page first.`);
  const [history, customer] = await Promise.all([
    db.consentRecord.findMany({
      where: { customerId: options.customerId, purpose: purpose.key },
      select: { id: true, status: true, occurredAt: true },
    }),
    db.customer.findUnique({ where: { id: options.customerId }, select: { email: true, erasedAt: true } }),
  ]);
  if (!customer) throw new AppError("not_found", `There is no customer #${options.customerId}.`);
  const derived = deriveConsentStatus({ history, defaultRule: purpose.defaultRule });
  // An erased person is used for nothing, whatever their records or the default say.
  if (customer.erasedAt) return { ...derived, purpose: purpose.key, suppressed: purpose.key === "email_marketing", allowed: false };
  const suppressed =
    purpose.key === "email_marketing" && !!customer.email && (await findSuppressedAddresses({ emails: [customer.email] })).size > 0;
  return { ...derived, purpose: purpose.key, suppressed, allowed: derived.allowed && !suppressed };
}

/**
 * The same rule as a SQL condition on a customers alias, for set-based queries (segments,
 * clustering, scoring, send audiences): `WHERE ${await consentAllowsSql({ purpose: "personalization" })}`.
 * Suppression is not in it: senders filter addresses with findSuppressedAddresses (HMACs are computed in Node).
 */
export async function consentAllowsSql(options: { purpose: string; customerAlias?: string }): Promise<Prisma.Sql> {
  const purpose = await getConsentPurpose({ key: options.purpose });
  if (!purpose) throw new AppError("not_found", `There is no consent purpose "${options.purpose}".`);
  const alias = options.customerAlias ?? "c";
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new AppError("bad_request", "Invalid table alias.");
  const latest = Prisma.sql`(SELECT cr.status::text FROM consent_records cr WHERE cr.customer_id = ${Prisma.raw(`${alias}.id`)} AND cr.purpose = ${purpose.key} ORDER BY cr.occurred_at DESC, cr.id DESC LIMIT 1)`;
  return Prisma.sql`coalesce(${latest} = 'granted', ${purpose.defaultRule === "opt_out"})`;
}
