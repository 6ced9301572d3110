import { consentAllowsSql, consentDefaultOptOutSql, consentLatestSql } from "../../consent-sql";
import type { CompileContext, ConditionSql } from "../types";
import type { ConsentCondition } from "./schema";

/**
 * Whether the purpose allows the customer: a boolean that reads the purpose's default itself, and,
 * when the caller knows the default, a set (the latest records that deny, for an opt-out default, or
 * grant, for opt-in).
 */
export function consentSql(cond: ConsentCondition, ctx: CompileContext): ConditionSql {
  const p = ctx.params;
  const purpose = p.add(cond.purpose, "text");
  const scope = ctx.scope?.("customer_id");
  const allows = consentAllowsSql(cond.purpose, p, purpose, scope);
  const optOut = ctx.consentOptOut?.[cond.purpose];
  const set =
    optOut === undefined
      ? undefined
      : { sql: consentLatestSql(purpose, optOut ? "'denied', 'withdrawn'" : "'granted'", scope, true), negated: optOut === cond.allowed };
  return {
    on: "subquery",
    test: cond.allowed ? allows : `NOT (${allows})`,
    ...(set ? { set } : {}),
    // Without a record, the default decides: say which one (as the admin set it) and what it gives.
    value: `coalesce((SELECT cr.status::text FROM consent_records cr WHERE cr.customer_id = c.id AND cr.purpose = ${purpose} ORDER BY cr.occurred_at DESC, cr.id DESC LIMIT 1),
          CASE WHEN ${consentDefaultOptOutSql(cond.purpose, purpose)} THEN 'no record: opt-out default, allowed' ELSE 'no record: opt-in default, not allowed' END)`,
  };
}
