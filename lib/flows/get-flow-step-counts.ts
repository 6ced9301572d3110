import { db } from "../db";

export interface StepCounts {
  /** People at the step now (waiting, or about to run it). */
  waiting: number;
  /** People who completed it. */
  passed: number;
  /** People whose run ended at it early (exit criteria, an exit step, a removed step). */
  exited: number;
  /** Emails sent by it (send steps). */
  sent: number;
  /** People who opened / clicked its emails (send steps; machine opens and clicks left out). */
  opened: number;
  clicked: number;
}

/** Per-step counts of a flow, live, in grouped queries over indexed columns. */
export async function getFlowStepCounts(
  flowId: string,
): Promise<{ steps: Record<string, StepCounts>; active: number; completed: number; exited: number }> {
  const [waiting, passed, exited, sent, engaged, totals] = await Promise.all([
    db.$queryRaw<{ stepId: string; n: number }[]>`
      SELECT step_id AS "stepId", count(*)::int AS n FROM flow_runs WHERE flow_id = ${flowId} AND status = 'active' AND step_id IS NOT NULL GROUP BY step_id`,
    db.$queryRaw<{ stepId: string; n: number }[]>`
      SELECT step_id AS "stepId", count(*)::int AS n FROM flow_run_steps WHERE flow_id = ${flowId} AND completed_at IS NOT NULL GROUP BY step_id`,
    db.$queryRaw<{ stepId: string; n: number }[]>`
      SELECT s.step_id AS "stepId", count(*)::int AS n FROM flow_runs r
      JOIN LATERAL (SELECT step_id FROM flow_run_steps WHERE run_id = r.id ORDER BY started_at DESC LIMIT 1) s ON true
      WHERE r.flow_id = ${flowId} AND r.status = 'exited' GROUP BY s.step_id`,
    db.$queryRaw<{ stepId: string; n: number }[]>`
      SELECT step_id AS "stepId", count(*)::int AS n FROM flow_messages WHERE flow_id = ${flowId} AND status = 'sent' GROUP BY step_id`,
    db.$queryRaw<{ stepId: string; opened: number; clicked: number }[]>`
      SELECT flow_step_id AS "stepId", count(DISTINCT customer_id) FILTER (WHERE kind = 'open')::int AS opened,
        count(DISTINCT customer_id) FILTER (WHERE kind = 'click')::int AS clicked
      FROM email_interactions WHERE flow_id = ${flowId} AND NOT machine AND kind IN ('open', 'click') GROUP BY flow_step_id`,
    db.$queryRaw<
      { status: string; n: number }[]
    >`SELECT status, count(*)::int AS n FROM flow_runs WHERE flow_id = ${flowId} GROUP BY status`,
  ]);
  const steps: Record<string, StepCounts> = {};
  const at = (id: string) => (steps[id] ??= { waiting: 0, passed: 0, exited: 0, sent: 0, opened: 0, clicked: 0 });
  for (const r of waiting) at(r.stepId).waiting = r.n;
  for (const r of passed) at(r.stepId).passed = r.n;
  for (const r of exited) at(r.stepId).exited = r.n;
  for (const r of sent) at(r.stepId).sent = r.n;
  for (const r of engaged) Object.assign(at(r.stepId), { opened: r.opened, clicked: r.clicked });
  const total = (s: string) => totals.find((t) => t.status === s)?.n ?? 0;
  return { steps, active: total("active"), completed: total("completed"), exited: total("exited") };
}
