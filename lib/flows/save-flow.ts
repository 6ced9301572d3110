import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import { compileRules } from "../segments/compile-rules";
import { SqlParams } from "../segments/sql-params";
import { eventMatchSql } from "./event-match-sql";
import { buildFlowGraph } from "./flow-graph";
import { flowDefinitionSchema, walkSteps, type FlowDefinition } from "./schemas";

/** Event types and segments the flow listens to: what the database triggers signal for it. */
export function flowListensTo(flow: FlowDefinition): { eventTypes: string[]; segmentIds: string[] } {
  const events = new Set<string>(flow.exitOn.map((m) => m.event));
  const segments = new Set<string>();
  if (flow.trigger.kind === "event") events.add(flow.trigger.event);
  else segments.add(flow.trigger.segmentId);
  for (const { step } of walkSteps(flow.steps)) if (step.kind === "wait_for_event") events.add(step.match.event);
  return { eventTypes: [...events].sort(), segmentIds: [...segments].sort() };
}

/** Refuses what would only fail later: unknown templates or segments, filters or rules that do not compile. */
async function checkReferences(flow: FlowDefinition): Promise<void> {
  const params = new SqlParams();
  if (flow.trigger.kind === "event") eventMatchSql(flow.trigger, params, "trigger");
  flow.exitOn.forEach((m, i) => eventMatchSql(m, params, `exit ${i + 1}`));
  const templates = new Set<string>();
  const segments = new Set<string>(flow.trigger.kind === "segment" ? [flow.trigger.segmentId] : []);
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

/**
 * Creates a flow (a draft) or saves an edit. The rule for people already inside a live flow: they
 * stay at the step they are at when that step still exists (a wait keeps the due time it had), and
 * leave the flow ("step_removed") when their step was deleted; new entries follow the new version.
 * Returns how many people the edit took out.
 */
export async function saveFlow(opts: {
  id?: string;
  input: FlowDefinition;
  actor: Actor;
}): Promise<{ id: string; version: number; removedRuns: number }> {
  const input = flowDefinitionSchema.parse(opts.input);
  await checkReferences(input);
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
      return { ...created, removedRuns: 0 };
    }
    // Locks the flow: the engine reads it inside its own transactions.
    const before = await tx.$queryRaw<
      { steps: unknown; version: number }[]
    >`SELECT steps, version FROM flows WHERE id = ${opts.id} FOR UPDATE`;
    if (!before[0]) throw new AppError("not_found", `Flow ${opts.id} does not exist.`);
    const stepsChanged = JSON.stringify(before[0].steps) !== JSON.stringify(input.steps);
    const version = before[0].version + (stepsChanged ? 1 : 0);
    await tx.flow.update({ where: { id: opts.id }, data: { ...data, version } });
    const kept = buildFlowGraph(input.steps).ids;
    const removedRuns = stepsChanged
      ? await tx.$executeRaw`
          UPDATE flow_runs SET status = 'exited', active_customer_id = NULL, due_at = NULL, ended_at = now(), exit_reason = 'step_removed'
          WHERE flow_id = ${opts.id} AND status = 'active' AND step_id IS NOT NULL AND NOT (step_id = ANY(${kept}::text[]))`
      : 0;
    await writeAuditLog(
      {
        actor: opts.actor,
        action: "flow.updated",
        targetType: "flow",
        targetId: opts.id,
        before: { steps: before[0].steps },
        after: { ...input, removedRuns },
      },
      tx,
    );
    return { id: opts.id, version, removedRuns };
  });
}
