import { db } from "../db";
import { AppError } from "../errors";
import { SEGMENT_FROM, compileRules } from "./compile-rules";
import { segmentRulesSchema } from "./schemas";
import { SqlParams } from "./sql-params";

export type TransitionCause = "rebuild" | "change" | "time";

export interface MembershipChange {
  entered: number[];
  exited: number[];
}

/**
 * Re-evaluates stored membership of one segment, for some customers (ids or an id range) or all,
 * in one statement: members who no longer match leave, matching customers enter, and every entry
 * and exit is recorded with its time. Returns who entered and who left.
 */
export async function refreshSegmentMembership(opts: {
  segmentId: string;
  ref: Date;
  cause: TransitionCause;
  customerIds?: number[];
  fromId?: number;
  toId?: number;
}): Promise<MembershipChange> {
  const segment = await db.segment.findUnique({ where: { id: opts.segmentId }, select: { rules: true } });
  if (!segment) throw new AppError("not_found", `Segment ${opts.segmentId} does not exist.`);
  const params = new SqlParams();
  const scope: string[] = [];
  const memberScope: string[] = [];
  const subqueryScope: ((column: string) => string)[] = [];
  if (opts.customerIds) {
    const ids = params.add(opts.customerIds);
    scope.push(`c.id = ANY(${ids}::int[])`);
    memberScope.push(`sm.customer_id = ANY(${ids}::int[])`);
    subqueryScope.push((col) => `${col} = ANY(${ids}::int[])`);
  }
  if (opts.fromId !== undefined) {
    const from = params.add(opts.fromId, "int");
    scope.push(`c.id >= ${from}`);
    memberScope.push(`sm.customer_id >= ${from}`);
    subqueryScope.push((col) => `${col} >= ${from}`);
  }
  if (opts.toId !== undefined) {
    const to = params.add(opts.toId, "int");
    scope.push(`c.id <= ${to}`);
    memberScope.push(`sm.customer_id <= ${to}`);
    subqueryScope.push((col) => `${col} <= ${to}`);
  }
  const compiled = compileRules(segmentRulesSchema.parse(segment.rules), {
    ref: opts.ref,
    params,
    scope: subqueryScope.length ? (col) => subqueryScope.map((f) => f(col)).join(" AND ") : undefined,
  });
  const seg = params.add(opts.segmentId, "text");
  const cause = params.add(opts.cause, "text");
  const rows = await db.$queryRawUnsafe<{ entered: number[] | null; exited: number[] | null }[]>(
    `WITH should AS (
       SELECT c.id FROM ${SEGMENT_FROM} WHERE ${[...scope, `(${compiled.filter})`].join(" AND ")}
     ),
     entered AS (
       INSERT INTO segment_members (segment_id, customer_id, entered_at)
       SELECT ${seg}, id, now() FROM should ON CONFLICT DO NOTHING RETURNING customer_id
     ),
     exited AS (
       DELETE FROM segment_members sm
       WHERE ${[`sm.segment_id = ${seg}`, ...memberScope, "NOT EXISTS (SELECT 1 FROM should WHERE should.id = sm.customer_id)"].join(" AND ")}
       RETURNING customer_id
     ),
     logged AS (
       INSERT INTO segment_transitions (segment_id, customer_id, kind, cause, at)
       SELECT ${seg}, customer_id, 'enter', ${cause}, now() FROM entered
       UNION ALL SELECT ${seg}, customer_id, 'exit', ${cause}, now() FROM exited
     )
     SELECT (SELECT array_agg(customer_id) FROM entered) AS entered, (SELECT array_agg(customer_id) FROM exited) AS exited`,
    ...params.values,
  );
  const change = { entered: rows[0]?.entered ?? [], exited: rows[0]?.exited ?? [] };
  if (change.entered.length > 0 || change.exited.length > 0 || opts.cause === "rebuild")
    await recordSegmentSize({ segmentId: opts.segmentId });
  return change;
}

/** The stored member count, and today's point of the size-over-time sparkline. */
export async function recordSegmentSize(opts: { segmentId: string }): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(
    `WITH n AS (SELECT count(*)::int AS n FROM segment_members WHERE segment_id = $1),
     s AS (UPDATE segments SET member_count = (SELECT n FROM n) WHERE id = $1),
     h AS (INSERT INTO segment_sizes (segment_id, day, size) VALUES ($1, current_date, (SELECT n FROM n))
           ON CONFLICT (segment_id, day) DO UPDATE SET size = excluded.size)
     SELECT n FROM n`,
    opts.segmentId,
  );
  return rows[0]?.n ?? 0;
}
