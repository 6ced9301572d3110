import { consentAllowsSql } from "../../segments/consent-sql";
import type { SqlParams } from "../../segments/sql-params";

/**
 * The customers (alias c) whose personalization consent allows profiling: the rule segments and
 * clustering use. Denied or withdrawn customers are neither used for training nor scored; customers
 * without a record are (personalization is opt-out by default).
 */
export function personalizationAllowedSql(params: SqlParams): string {
  return consentAllowsSql("personalization", params);
}
