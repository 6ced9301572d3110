import { propertySql } from "../segments/condition-sql";
import type { SqlParams } from "../segments/sql-params";
import type { EventMatch } from "./schemas";

/** An event match (type and property filters) as a SQL boolean over an events alias; every value a parameter. */
export function eventMatchSql(match: EventMatch, params: SqlParams, label: string, alias = "e"): string {
  const parts = [`${alias}.type = ${params.add(match.event, "text")}`];
  for (const filter of match.where) parts.push(propertySql({ params, ref: new Date(), label }, `${alias}.properties`, filter));
  return parts.join(" AND ");
}
