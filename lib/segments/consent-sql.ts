import type { SqlParams } from "./sql-params";

/**
 * "May we use customer c.id for this purpose", from the latest ConsentRecord per purpose with the
 * defaults: email_marketing needs a grant; personalization is allowed unless objected to.
 * One named fragment, so that lib/consent's configurable defaults can replace it.
 */
export function consentAllowsSql(purpose: string, params: SqlParams, placeholder = params.add(purpose, "text"), scope?: string): string {
  const latest = `SELECT customer_id FROM (
      SELECT DISTINCT ON (customer_id) customer_id, status FROM consent_records
      WHERE purpose = ${placeholder}${scope ? ` AND ${scope}` : ""} ORDER BY customer_id, occurred_at DESC, id DESC) latest`;
  return purpose === "email_marketing"
    ? `c.id IN (${latest} WHERE latest.status = 'granted')`
    : `c.id NOT IN (${latest} WHERE latest.status IN ('denied', 'withdrawn'))`;
}

/** The same rule in TypeScript (reference evaluator, explanations). `latest` is the latest status or undefined. */
export function consentAllows(purpose: string, latest: string | undefined): boolean {
  return purpose === "email_marketing" ? latest === "granted" : latest !== "denied" && latest !== "withdrawn";
}
