import { builtInPurposes, listConsentPurposes } from "../consent/purposes";
import type { SqlParams } from "./sql-params";

/** Without a row in consent_purposes, a built-in purpose's default applies; an unknown one is opt-in. */
const builtInOptOut = (purpose: string) => builtInPurposes.find((p) => p.key === purpose)?.defaultRule === "opt_out";

/** True when, without a record, the purpose's default allows: the admin's setting, else the built-in one. */
export function consentDefaultOptOutSql(purpose: string, placeholder: string): string {
  return `coalesce((SELECT cp.default_rule = 'opt_out' FROM consent_purposes cp WHERE cp.key = ${placeholder}), ${builtInOptOut(purpose) ? "true" : "false"})`;
}

/**
 * "May we use customer c.id for this purpose": the latest ConsentRecord per purpose decides (read from
 * consent_latest, which triggers keep); without one, the purpose's default as the admin set it
 * (consent_purposes), else the built-in default — the same rule as lib/consent's mayUse, evaluated
 * set-based inside the segment's query.
 */
export function consentAllowsSql(purpose: string, params: SqlParams, placeholder = params.add(purpose, "text"), scope?: string): string {
  const latest = (statuses: string) => consentLatestSql(placeholder, statuses, scope);
  // Evaluated once per query (an uncorrelated init plan), then one index range of ids.
  const optOut = consentDefaultOptOutSql(purpose, placeholder);
  return `(CASE WHEN ${optOut} THEN c.id NOT IN (${latest("'denied', 'withdrawn'")})
      ELSE c.id IN (${latest("'granted'")}) END)`;
}

/**
 * The customers whose latest record for the purpose has one of the statuses (a SQL list). `ordered`:
 * by id, which reads them from the (purpose, status, customer_id) index alone (the sets form sorts
 * them anyway, and this is the cheaper way even for most of the table).
 */
export function consentLatestSql(placeholder: string, statuses: string, scope?: string, ordered = false): string {
  return `SELECT customer_id FROM consent_latest WHERE purpose = ${placeholder} AND status IN (${statuses})${scope ? ` AND ${scope}` : ""}${ordered ? " ORDER BY customer_id" : ""}`;
}

/** Whether each purpose allows customers without a record, as the admin set it (else the built-in default). */
export async function consentOptOutDefaults(purposes: string[]): Promise<Record<string, boolean>> {
  if (purposes.length === 0) return {};
  const known = await listConsentPurposes();
  return Object.fromEntries(purposes.map((p) => [p, known.find((k) => k.key === p)?.defaultRule === "opt_out"]));
}

/** The same rule in TypeScript (reference evaluator, explanations), with the built-in defaults. `latest` is the latest status or undefined. */
export function consentAllows(purpose: string, latest: string | undefined): boolean {
  return latest === undefined ? builtInOptOut(purpose) : latest === "granted";
}
