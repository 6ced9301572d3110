import { builtInPurposes } from "../consent/purposes";
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
  const latest = (statuses: string) =>
    `SELECT customer_id FROM consent_latest WHERE purpose = ${placeholder} AND status IN (${statuses})${scope ? ` AND ${scope}` : ""}`;
  // Evaluated once per query (an uncorrelated init plan), then one index range of ids.
  const optOut = consentDefaultOptOutSql(purpose, placeholder);
  return `(CASE WHEN ${optOut} THEN c.id NOT IN (${latest("'denied', 'withdrawn'")})
      ELSE c.id IN (${latest("'granted'")}) END)`;
}

/** The same rule in TypeScript (reference evaluator, explanations), with the built-in defaults. `latest` is the latest status or undefined. */
export function consentAllows(purpose: string, latest: string | undefined): boolean {
  return latest === undefined ? builtInOptOut(purpose) : latest === "granted";
}
