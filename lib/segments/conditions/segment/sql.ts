import { scopeFilters } from "../../condition-sql";
import type { CompileContext, ConditionSql } from "../types";
import type { SegmentCondition } from "./schema";

/** The other segment's stored members (or everyone but them): a set. */
export function segmentSql(cond: SegmentCondition, ctx: CompileContext): ConditionSql {
  const where = [`sm.segment_id = ${ctx.params.add(cond.segmentId, "text")}`, ...scopeFilters(ctx, "sm.customer_id")];
  const members = `SELECT sm.customer_id FROM segment_members sm WHERE ${where.join(" AND ")}`;
  return {
    on: "subquery",
    set: { sql: members, negated: !cond.in },
    value: `(CASE WHEN c.id IN (${members}) THEN 'member' ELSE 'not a member' END)`,
  };
}
