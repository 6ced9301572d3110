import { builtInPurposes } from "../consent/purposes";
import type { SqlParams } from "./sql-params";

/** Without a row in consent_purposes, a built-in purpose's default applies; an unknown one is opt-in. */
const builtInOptOut = (purpose: string) => builtInPurposes.find((p) => p.key === purpose)?.defaultRule === "opt_out";

/**
 * "May we use customer c.id for this purpose": the latest ConsentRecord per purpose decides; without
 * one, the purpose's default as the admin set it (consent_purposes), else the built-in default —
 * the same rule as lib/consent's mayUse, evaluated set-based inside the segment's query.
 */
export function consentAllowsSql(purpose: string, params: SqlParams, placeholder = params.add(purpose, "text")): string {
  const latest = `(SELECT cr.status::text FROM consent_records cr WHERE cr.customer_id = c.id AND cr.purpose = ${placeholder}
      ORDER BY cr.occurred_at DESC, cr.id DESC LIMIT 1)`;
  const optOut = `coalesce((SELECT cp.default_rule = 'opt_out' FROM consent_purposes cp WHERE cp.key = ${placeholder}), ${builtInOptOut(purpose) ? "true" : "false"})`;
  return `coalesce(${latest} = 'granted', ${optOut})`;
}

/** The same rule in TypeScript (reference evaluator, explanations), with the built-in defaults. `latest` is the latest status or undefined. */
export function consentAllows(purpose: string, latest: string | undefined): boolean {
  return latest === undefined ? builtInOptOut(purpose) : latest === "granted";
}
