import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { flowStepSchema, type FlowStep } from "./schemas";
import { stepsEditImpact, type StepEdit } from "./steps-edit-impact";

export interface FlowStepsPreview {
  /** People inside now. */
  inside: number;
  /** People at removed steps, who leave when the steps are saved, by removed step (a removed branch counts the people inside it). */
  leaving: (StepEdit & { people: number })[];
  /** People who stay and will reach a changed, added, moved or removed step ahead of them (or are at a changed one), by that step. */
  reaching: (StepEdit & { people: number })[];
}

/**
 * What saving `steps` would do to the people inside the flow (docs/decisions/127), counted in SQL from
 * the runs' current steps: those at a removed step leave; of those who stay, how many will reach
 * each edit first on their path (waiting at or before it). The rest meet nothing new.
 */
export async function previewFlowSteps(opts: { id: string; steps: FlowStep[] }): Promise<FlowStepsPreview> {
  const after = z.array(flowStepSchema).max(100).parse(opts.steps);
  const flow = await db.flow.findUnique({ where: { id: opts.id }, select: { steps: true } });
  if (!flow) throw new AppError("not_found", `Flow ${opts.id} does not exist.`);
  const before = z.array(flowStepSchema).parse(flow.steps);
  const impact = stepsEditImpact(before, after);
  const rows = [...impact.leaving.map((l) => ({ ...l, effect: "leave" })), ...impact.reaching.map((r) => ({ ...r, effect: "reach" }))];
  const counts = await db.$queryRaw<{ effect: string | null; stepId: string | null; people: number }[]>`
    SELECT m.effect, m.edit AS "stepId", count(*)::int AS people
    FROM flow_runs r
    LEFT JOIN unnest(${rows.map((r) => r.at)}::text[], ${rows.map((r) => r.effect)}::text[], ${rows.map((r) => r.edit.stepId)}::text[])
      AS m(at, effect, edit) ON m.at = r.step_id
    WHERE r.flow_id = ${opts.id} AND r.status = 'active'
    GROUP BY m.effect, m.edit`;
  const edits = new Map(rows.map((r) => [`${r.effect}\u0000${r.edit.stepId}`, r.edit]));
  const of = (effect: string) =>
    counts
      .filter((c) => c.effect === effect)
      .map((c) => ({ ...edits.get(`${effect}\u0000${c.stepId}`)!, people: c.people }))
      .sort((a, b) => b.people - a.people || a.stepId.localeCompare(b.stepId));
  return { inside: counts.reduce((n, c) => n + c.people, 0), leaving: of("leave"), reaching: of("reach") };
}
