import { db } from "../db";
import { AppError } from "../errors";
import { flowDefinitionSchema, walkSteps, type FlowDefinition } from "./schemas";

export interface FlowDetail extends FlowDefinition {
  id: string;
  status: string;
  version: number;
  activatedAt: Date | null;
  /** Names of the templates its send steps use, by id. */
  templateNames: Record<string, string>;
  /** The trigger segment's name (segment triggers). */
  segmentName: string | null;
  /** Names of the segments it refers to (trigger, exit criteria, branches), by id. */
  segmentNames: Record<string, string>;
  /** People inside now. */
  inside: number;
}

/** A flow's definition and state, for its page. */
export async function getFlow(id: string): Promise<FlowDetail> {
  const flow = await db.flow.findUnique({ where: { id } });
  if (!flow) throw new AppError("not_found", `Flow ${id} does not exist.`);
  const definition = flowDefinitionSchema.parse({ ...flow, exitOn: flow.exitOn, reentry: flow.reentry });
  const templateIds = [...walkSteps(definition.steps)].flatMap(({ step }) => (step.kind === "send_email" ? [step.templateId] : []));
  const segmentIds = [
    ...(definition.trigger.kind === "segment" ? [definition.trigger.segmentId] : []),
    ...definition.exitOn.flatMap((c) => (c.kind === "left_segment" ? [c.segmentId] : [])),
    ...[...walkSteps(definition.steps)].flatMap(({ step }) =>
      step.kind === "branch" && step.condition.kind === "segment" ? [step.condition.segmentId] : [],
    ),
  ];
  const [templates, segments, inside] = await Promise.all([
    db.emailTemplate.findMany({ where: { id: { in: templateIds } }, select: { id: true, name: true } }),
    db.segment.findMany({ where: { id: { in: segmentIds } }, select: { id: true, name: true } }),
    db.flowRun.count({ where: { flowId: id, status: "active" } }),
  ]);
  const segmentNames = Object.fromEntries(segments.map((s) => [s.id, s.name]));
  return {
    id: flow.id,
    status: flow.status,
    version: flow.version,
    activatedAt: flow.activatedAt,
    ...definition,
    templateNames: Object.fromEntries(templates.map((t) => [t.id, t.name])),
    segmentName: definition.trigger.kind === "segment" ? (segmentNames[definition.trigger.segmentId] ?? null) : null,
    segmentNames,
    inside,
  };
}
