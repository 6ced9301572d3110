import { db } from "../db";
import { AppError } from "../errors";
import { SqlParams } from "../segments/sql-params";
import { exitReasonSql } from "./exit-criteria-sql";
import { exitCriterionSchema, type ExitCriterion } from "./schemas";
import { z } from "zod";

export interface FlowSettingsPreview {
  /** People inside now. */
  inside: number;
  /** Of them, those the new exit criteria take out at once when saved, by reason (`exit:<event>`, `left_segment:<id>`). */
  leaving: { reason: string; people: number }[];
}

/**
 * What saving new exit criteria would do to the people inside: the same expression the save uses
 * (exitReasonSql), so the count the confirmation states is the count taken out.
 */
export async function previewFlowSettings(opts: { id: string; exitOn: ExitCriterion[] }): Promise<FlowSettingsPreview> {
  const exitOn = z.array(exitCriterionSchema).max(10).parse(opts.exitOn);
  const flow = await db.flow.findUnique({ where: { id: opts.id }, select: { id: true } });
  if (!flow) throw new AppError("not_found", `Flow ${opts.id} does not exist.`);
  const params = new SqlParams();
  const reason = exitReasonSql(exitOn, params);
  const rows = await db.$queryRawUnsafe<{ reason: string | null; people: number }[]>(
    `SELECT reason, count(*)::int AS people FROM (SELECT ${reason} AS reason FROM flow_runs r
       WHERE r.flow_id = ${params.add(opts.id, "text")} AND r.status = 'active') m
     GROUP BY reason ORDER BY people DESC, reason`,
    ...params.values,
  );
  return {
    inside: rows.reduce((n, r) => n + r.people, 0),
    leaving: rows.flatMap((r) => (r.reason === null ? [] : [{ reason: r.reason, people: r.people }])),
  };
}
