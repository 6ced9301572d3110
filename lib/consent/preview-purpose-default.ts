import { db } from "../db";
import { AppError } from "../errors";
import { getConsentPurpose } from "./purposes";
import type { ConsentDefaultRule } from "./schemas";

export interface PurposeDefaultChange {
  key: string;
  label: string;
  from: ConsentDefaultRule;
  to: ConsentDefaultRule;
  /** People the default decides for: no record for the purpose (and, for email marketing, an address to email). */
  withoutRecord: number;
  /** The effect in one sentence, with the number ("2,831 people without a record will become mailable."). */
  effect: string;
}

/**
 * What changing a purpose's default would do, before anything changes: how many people have no
 * record for it, and whether they become allowed or stop being allowed.
 */
export async function previewPurposeDefault(options: { key: string; defaultRule: ConsentDefaultRule }): Promise<PurposeDefaultChange> {
  const purpose = await getConsentPurpose({ key: options.key });
  if (!purpose) throw new AppError("not_found", `There is no purpose ${options.key}.`);
  const email = purpose.key === "email_marketing";
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM customers c
    WHERE (${!email} OR c.email IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM consent_records r WHERE r.purpose = ${purpose.key} AND r.customer_id = c.id)`;
  const people = `${n.toLocaleString("en")} ${n === 1 ? "person" : "people"} without a record`;
  const effect =
    purpose.defaultRule === options.defaultRule
      ? `Nothing changes: the default is already ${options.defaultRule === "opt_in" ? "opt-in" : "opt-out"}.`
      : options.defaultRule === "opt_out"
        ? email
          ? `${people} will become mailable.`
          : `${people} will be allowed ${purpose.label.toLowerCase()}.`
        : email
          ? `${people} will no longer be mailable.`
          : `${people} will no longer be allowed ${purpose.label.toLowerCase()}.`;
  return { key: purpose.key, label: purpose.label, from: purpose.defaultRule, to: options.defaultRule, withoutRecord: n, effect };
}
