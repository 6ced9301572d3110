import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import { compileRules } from "../segments/compile-rules";
import { SqlParams } from "../segments/sql-params";
import { eventMatchSql } from "./event-match-sql";
import { exitReasonSql, isEventExit } from "./exit-criteria-sql";
import { buildFlowGraph } from "./flow-graph";
import { flowDefinitionSchema, walkSteps, type FlowDefinition } from "./schemas";

/** Event types and segments the flow listens to: what the database triggers signal for it. */
export function flowListensTo(flow: FlowDefinition): { eventTypes: string[]; segmentIds: string[]; exitSegmentIds: string[] } {
  const events = new Set<string>(flow.exitOn.filter(isEventExit).map((m) => m.event));
  const segments = new Set<string>();
  const exitSegments = new Set(flow.exitOn.flatMap((c) => (isEventExit(c) ? [] : [c.segmentId])));
  if (flow.trigger.kind === "event") events.add(flow.trigger.event);
  else segments.add(flow.trigger.segmentId);
  for (const { step } of walkSteps(flow.steps)) if (step.kind === "wait_for_event") events.add(step.match.event);
  return { eventTypes: [...events].sort(), segmentIds: [...segments].sort(), exitSegmentIds: [...exitSegments].sort() };
}

/** Refuses what would only fail later: unknown templates or segments, filters or rules that do not compile. */
async function checkReferences(flow: FlowDefinition): Promise<void> {
  const params = new SqlParams();
  if (flow.trigger.kind === "event") eventMatchSql(flow.trigger, params, "trigger");
  flow.exitOn.forEach((m, i) => (isEventExit(m) ? eventMatchSql(m, params, `exit ${i + 1}`) : null));
  const templates = new Set<string>();
  const segments = new Set<string>([
    ...(flow.trigger.kind === "segment" ? [flow.trigger.segmentId] : []),
    ...flow.exitOn.flatMap((c) => (isEventExit(c) ? [] : [c.segmentId])),
  ]);
  for (const { step } of walkSteps(flow.steps)) {
    if (step.kind === "send_email")
      for (const id of [step.templateId, ...(step.experiment?.variants ?? []).map((v) => v.templateId)]) if (id) templates.add(id);
    if (step.kind === "wait_for_event") eventMatchSql(step.match, params, `step ${step.id}`);
    if (step.kind === "branch" && step.condition.kind === "segment") segments.add(step.condition.segmentId);
    if (step.kind === "branch" && step.condition.kind === "rules") compileRules(step.condition.rules, { ref: new Date() });
  }
  const [foundTemplates, foundSegments] = await Promise.all([
    db.emailTemplate.findMany({ where: { id: { in: [...templates] } }, select: { id: true } }),
    db.segment.findMany({ where: { id: { in: [...segments] } }, select: { id: true } }),
  ]);
  const missingTemplate = [...templates].find((t) => !foundTemplates.some((f) => f.id === t));
  if (missingTemplate)
    throw new AppError("unprocessable", `A send step uses template ${missingTemplate}, which does not exist: choose another template.`);
  const missingSegment = [...segments].find((s) => !foundSegments.some((f) => f.id === s));
  if (missingSegment) throw new AppError("unprocessable", `Segment ${missingSegment} does not exist: choose another segment.`);
}

/** Takes out the people inside who already meet the exit criteria (docs/decisions/139). */
async function applyExitCriteria(tx: Prisma.TransactionClient, flowId: string, flow: FlowDefinition, now: Date): Promise<number> {
  if (!flow.exitOn.length) return 0;
  const params = new SqlParams();
  const reason = exitReasonSql(flow.exitOn, params);
  return tx.$executeRawUnsafe(
    `UPDATE flow_runs t SET status = 'exited', active_customer_id = NULL, due_at = NULL, ended_at = ${params.add(now, "timestamptz")},
       exit_reason = m.reason
     FROM (SELECT r.id, ${reason} AS reason FROM flow_runs r WHERE r.flow_id = ${params.add(flowId, "text")} AND r.status = 'active') m
     WHERE t.id = m.id AND m.reason IS NOT NULL AND t.status = 'active'`,
    ...params.values,
  );
}

/**
 * Creates a flow (a draft) or saves an edit. The rules for people already inside a live flow
 * (docs/decisions/127 and 139): they stay at the step they are at when that step still exists (a
 * wait keeps the due time it had), and leave the flow ("step_removed") when their step was deleted;
 * when the exit criteria change, those who already meet them (an exit event since they entered, an
 * exit segment left since then) leave at once; trigger and re-entry changes apply to new entries
 * only. Returns how many people the edit took out, by cause.
 */
export async function saveFlow(opts: {
  id?: string;
  input: FlowDefinition;
  actor: Actor;
  now?: Date;
}): Promise<{ id: string; version: number; removedRuns: number; exitedRuns: number }> {
  const input = flowDefinitionSchema.parse(opts.input);
  await checkReferences(input);
  const now = opts.now ?? new Date();
  const data = {
    name: input.name,
    description: input.description,
    trigger: input.trigger as unknown as Prisma.InputJsonValue,
    steps: input.steps as unknown as Prisma.InputJsonValue,
    reentry: input.reentry as unknown as Prisma.InputJsonValue,
    exitOn: input.exitOn as unknown as Prisma.InputJsonValue,
    ...flowListensTo(input),
  };
  return db.$transaction(async (tx) => {
    if (!opts.id) {
      const created = await tx.flow.create({ data: { ...data, createdById: opts.actor.id }, select: { id: true, version: true } });
      await writeAuditLog({ actor: opts.actor, action: "flow.created", targetType: "flow", targetId: created.id, after: input }, tx);
      return { ...created, removedRuns: 0, exitedRuns: 0 };
    }
    // Locks the flow: the engine reads it inside its own transactions.
    // Compared as jsonb: Postgres stores keys in its own order, so the texts would differ.
    const rows = await tx.$queryRaw<
      {
        name: string;
        description: string;
        trigger: unknown;
        steps: unknown;
        reentry: unknown;
        exitOn: unknown;
        version: number;
        stepsChanged: boolean;
        exitsChanged: boolean;
      }[]
    >`SELECT name, description, trigger, steps, reentry, exit_on AS "exitOn", version,
        steps <> ${JSON.stringify(input.steps)}::jsonb AS "stepsChanged", exit_on <> ${JSON.stringify(input.exitOn)}::jsonb AS "exitsChanged"
      FROM flows WHERE id = ${opts.id} FOR UPDATE`;
    if (!rows[0]) throw new AppError("not_found", `Flow ${opts.id} does not exist.`);
    const { stepsChanged, exitsChanged, ...before } = rows[0];
    const version = before.version + (stepsChanged ? 1 : 0);
    await tx.flow.update({ where: { id: opts.id }, data: { ...data, version } });
    const kept = buildFlowGraph(input.steps).ids;
    const removedRuns = stepsChanged
      ? await tx.$executeRaw`
          UPDATE flow_runs SET status = 'exited', active_customer_id = NULL, due_at = NULL, ended_at = ${now}, exit_reason = 'step_removed'
          WHERE flow_id = ${opts.id} AND status = 'active' AND step_id IS NOT NULL AND NOT (step_id = ANY(${kept}::text[]))`
      : 0;
    const exitedRuns = exitsChanged ? await applyExitCriteria(tx, opts.id, input, now) : 0;
    await writeAuditLog(
      {
        actor: opts.actor,
        action: "flow.updated",
        targetType: "flow",
        targetId: opts.id,
        before,
        after: { ...input, removedRuns, exitedRuns },
      },
      tx,
    );
    return { id: opts.id, version, removedRuns, exitedRuns };
  });
}
