import type { Actor } from "../audit/write-audit-log";
import { saveFlow } from "./save-flow";
import { newFlowSchema, type FlowSettings } from "./schemas";

/** A flow from scratch: a draft with a name and a trigger, no steps yet (added in the editor), once per person. */
export async function createFlow(opts: { input: Pick<FlowSettings, "name" | "trigger">; actor: Actor }): Promise<{ id: string }> {
  const input = newFlowSchema.parse(opts.input);
  const { id } = await saveFlow({
    input: { ...input, description: "", steps: [], reentry: { kind: "once" }, exitOn: [] },
    actor: opts.actor,
  });
  return { id };
}
