import type { SqlParams } from "../segments/sql-params";
import { eventMatchSql } from "./event-match-sql";
import type { EventExitCriterion, ExitCriterion } from "./schemas";

export const isEventExit = (c: ExitCriterion): c is EventExitCriterion => c.kind !== "left_segment";

/**
 * Why a run meets the flow's exit criteria already, as a SQL expression over a flow_runs alias
 * (null when it meets none): `exit:<event>` when the person did an exit event since the trigger,
 * `left_segment:<id>` when they left an exit segment since the trigger and are not back in it.
 * The save of an edit and its preview share it, so the count shown is the count taken out.
 */
export function exitReasonSql(criteria: ExitCriterion[], params: SqlParams, run = "r"): string {
  if (!criteria.length) return "NULL::text";
  const cases = criteria.map((c, i) => {
    if (!isEventExit(c)) {
      const segment = params.add(c.segmentId, "text");
      return `WHEN EXISTS (SELECT 1 FROM segment_transitions st WHERE st.customer_id = ${run}.customer_id AND st.segment_id = ${segment}
          AND st.kind = 'exit' AND st.at >= ${run}.triggered_at)
        AND NOT EXISTS (SELECT 1 FROM segment_members sm WHERE sm.segment_id = ${segment} AND sm.customer_id = ${run}.customer_id)
        THEN 'left_segment:' || ${segment}`;
    }
    return `WHEN EXISTS (SELECT 1 FROM events x WHERE x.customer_id = ${run}.customer_id AND x.occurred_at >= ${run}.triggered_at
        AND ${eventMatchSql(c, params, `exit ${i + 1}`, "x")}) THEN 'exit:' || ${params.add(c.event, "text")}`;
  });
  return `CASE ${cases.join("\n")} END`;
}
