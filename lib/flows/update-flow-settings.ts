import type { Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { saveFlow } from "./save-flow";
import { flowDefinitionSchema, flowSettingsSchema, type FlowSettings } from "./schemas";

/**
 * Saves a flow's name, description, trigger, re-entry rule and exit criteria, keeping its steps.
 * People already inside (docs/decisions/139): a trigger or re-entry change applies to new entries
 * only; when the exit criteria change, those who already meet them leave at once.
 */
export async function updateFlowSettings(opts: { id: string; settings: FlowSettings; actor: Actor; now?: Date }) {
  const settings = flowSettingsSchema.parse(opts.settings);
  const flow = await db.flow.findUnique({ where: { id: opts.id }, select: { status: true, steps: true } });
  if (!flow) throw new AppError("not_found", `Flow ${opts.id} does not exist.`);
  if (flow.status === "archived") throw new AppError("conflict", "An archived flow cannot be edited: start a new one from a starter.");
  const input = flowDefinitionSchema.parse({ ...settings, steps: flow.steps });
  return saveFlow({ id: opts.id, input, actor: opts.actor, now: opts.now });
}
