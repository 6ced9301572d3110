import type { Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { saveFlow } from "./save-flow";
import { flowDefinitionSchema, type FlowStep } from "./schemas";

/**
 * Saves the visual editor's steps of a flow, keeping its trigger, re-entry and exit rules. People
 * already inside follow saveFlow's rule (docs/decisions/127): at a step that still exists they stay
 * (a wait keeps its due time) and continue along the new steps; at a removed step they leave.
 */
export async function updateFlowSteps(opts: { id: string; steps: FlowStep[]; actor: Actor }) {
  const flow = await db.flow.findUnique({
    where: { id: opts.id },
    select: { name: true, description: true, status: true, trigger: true, reentry: true, exitOn: true },
  });
  if (!flow) throw new AppError("not_found", `Flow ${opts.id} does not exist.`);
  if (flow.status === "archived") throw new AppError("conflict", "An archived flow cannot be edited: start a new one from a starter.");
  if (!opts.steps.length && flow.status !== "draft")
    throw new AppError("unprocessable", "A live flow needs at least one step: pause or archive it instead of removing every step.");
  const input = flowDefinitionSchema.parse({ ...flow, steps: opts.steps });
  return saveFlow({ id: opts.id, input, actor: opts.actor });
}
