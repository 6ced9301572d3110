import { listConsentPurposes } from "../consent/purposes";
import { db } from "../db";
import type { ConsentStatus } from "../generated/prisma/enums";

export interface ConsentState {
  purpose: string;
  label: string;
  /** The latest record's status; null when the customer has no record for the purpose. */
  status: ConsentStatus | null;
  source: string | null;
  occurredAt: Date | null;
  /** May Tailor use the person for the purpose now: the latest record, else the purpose's default. */
  allowed: boolean;
}

/**
 * The current consent per purpose (every purpose the installation has): the latest record decides
 * (DISTINCT ON in SQL); without one, the purpose's default rule as the admin set it.
 */
export async function getCustomerConsents(options: { customerId: number }): Promise<ConsentState[]> {
  const [latest, purposes] = await Promise.all([
    db.$queryRaw<{ purpose: string; status: ConsentStatus; source: string; occurredAt: Date }[]>`
      SELECT DISTINCT ON (purpose) purpose, status, source, occurred_at AS "occurredAt"
      FROM consent_records
      WHERE customer_id = ${options.customerId}
      ORDER BY purpose, occurred_at DESC, id DESC`,
    listConsentPurposes(),
  ]);
  const byPurpose = new Map(latest.map((r) => [r.purpose, r]));
  const known = purposes.map((p) => {
    const record = byPurpose.get(p.key);
    return record
      ? { ...record, label: p.label, allowed: record.status === "granted" }
      : { purpose: p.key, label: p.label, status: null, source: null, occurredAt: null, allowed: p.defaultRule === "opt_out" };
  });
  // Records for a purpose no longer defined still show (their history is kept).
  const others = latest
    .filter((r) => !purposes.some((p) => p.key === r.purpose))
    .map((r) => ({ ...r, label: r.purpose.replace(/_/g, " "), allowed: r.status === "granted" }));
  return [...known, ...others];
}
