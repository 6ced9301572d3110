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
  /** People inside now. */
  inside: number;
}

/** A flow's definition and state, for its page. */
export async function getFlow(id: string): Promise<FlowDetail> {
  const flow = await db.flow.findUnique({ where: { id } });
  if (!flow) throw new AppError("not_found", `Flow ${id} does not exist.`);
  const definition = flowDefinitionSchema.parse({ ...flow, exitOn: flow.exitOn, reentry: flow.reentry });
  const templateIds = [...walkSteps(definition.steps)].flatMap(({ step }) => (step.kind === "send_email" ? [step.templateId] : []));
  const [templates, segment, inside] = await Promise.all([
    db.emailTemplate.findMany({ where: { id: { in: templateIds } }, select: { id: true, name: true } }),
    definition.trigger.kind === "segment"
      ? db.segment.findUnique({ where: { id: definition.trigger.segmentId }, select: { name: true } })
      : null,
    db.flowRun.count({ where: { flowId: id, status: "active" } }),
  ]);
  return {
    id: flow.id,
    status: flow.status,
    version: flow.version,
    activatedAt: flow.activatedAt,
    ...definition,
    templateNames: Object.fromEntries(templates.map((t) => [t.id, t.name])),
    segmentName: segment?.name ?? null,
    inside,
  };
}
