import { db } from "../db";
import type { ConsentStatus } from "../generated/prisma/enums";

export interface ConsentState {
  purpose: string;
  /** The latest record's status; null when the customer has no record for the purpose. */
  status: ConsentStatus | null;
  source: string | null;
  occurredAt: Date | null;
}

/** Purposes every profile shows, even without a record ("no record" then). */
export const knownConsentPurposes = ["email_marketing"] as const;

/** The current consent per purpose: the latest record for each purpose (DISTINCT ON in SQL). */
export async function getCustomerConsents(options: { customerId: number }): Promise<ConsentState[]> {
  const latest = await db.$queryRaw<{ purpose: string; status: ConsentStatus; source: string; occurredAt: Date }[]>`
    SELECT DISTINCT ON (purpose) purpose, status, source, occurred_at AS "occurredAt"
    FROM consent_records
    WHERE customer_id = ${options.customerId}
    ORDER BY purpose, occurred_at DESC, id DESC`;
  const byPurpose = new Map<string, ConsentState>(latest.map((r) => [r.purpose, r]));
  for (const purpose of knownConsentPurposes) {
    if (!byPurpose.has(purpose)) byPurpose.set(purpose, { purpose, status: null, source: null, occurredAt: null });
  }
  return [...byPurpose.values()].sort((a, b) => a.purpose.localeCompare(b.purpose));
}
