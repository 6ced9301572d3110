"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf } from "@/lib/auth/session-user";
import { defineAction } from "@/lib/auth/define-action.server";
import { variantKeys } from "@/lib/experiments/schemas";
import { createFlow } from "@/lib/flows/create-flow";
import { applyStepWinner } from "@/lib/flows/experiments/apply-step-winner";
import { previewFlowSettings } from "@/lib/flows/preview-flow-settings";
import { previewFlowSteps } from "@/lib/flows/preview-flow-steps";
import { setFlowStatus } from "@/lib/flows/set-flow-status";
import { exitCriterionSchema, flowSettingsSchema, flowStepSchema, newFlowSchema } from "@/lib/flows/schemas";
import { createStarterFlow, STARTER_KEYS } from "@/lib/flows/starter-flows";
import { updateFlowSettings } from "@/lib/flows/update-flow-settings";
import { updateFlowSteps } from "@/lib/flows/update-flow-steps";

const starterDefinition = defineAction({
  minRole: "marketer",
  schema: z.object({ key: z.enum(STARTER_KEYS) }),
  run: async ({ input, user }) => {
    const created = await createStarterFlow({ key: input.key, actor: actorOf(user) });
    revalidatePath("/flows");
    return created;
  },
});

/** Creates a draft flow from a starter (abandoned cart, welcome series, …). */
export async function createStarterFlowAction(input: unknown) {
  return starterDefinition(input);
}

const statusDefinition = defineAction({
  minRole: "marketer",
  schema: z.object({ id: z.string().min(1), status: z.enum(["active", "paused", "archived"]) }),
  run: async ({ input, user }) => {
    const result = await setFlowStatus({ id: input.id, status: input.status, actor: actorOf(user) });
    revalidatePath(`/flows/${input.id}`);
    revalidatePath("/flows");
    return result;
  },
});

/** Switches a flow on, pauses, resumes or archives it. Audit-logged. */
export async function setFlowStatusAction(input: unknown) {
  return statusDefinition(input);
}

const stepsDefinition = defineAction({
  minRole: "marketer",
  schema: z.object({ id: z.string().min(1), steps: z.array(flowStepSchema).max(100) }),
  run: async ({ input, user }) => {
    const result = await updateFlowSteps({ id: input.id, steps: input.steps, actor: actorOf(user) });
    revalidatePath(`/flows/${input.id}`);
    return result;
  },
});

/** Saves the steps edited in the visual editor; people at removed steps leave the flow. Audit-logged. */
export async function saveFlowStepsAction(input: unknown) {
  return stepsDefinition(input);
}

const previewStepsDefinition = defineAction({
  minRole: "marketer",
  schema: z.object({ id: z.string().min(1), steps: z.array(flowStepSchema).max(100) }),
  run: async ({ input }) => previewFlowSteps({ id: input.id, steps: input.steps }),
});

/** How many people inside will reach each changed step of the edited steps, and how many leave: stated before saving. */
export async function previewFlowStepsAction(input: unknown) {
  return previewStepsDefinition(input);
}

const newFlowDefinition = defineAction({
  minRole: "marketer",
  schema: newFlowSchema,
  run: async ({ input, user }) => {
    const created = await createFlow({ input, actor: actorOf(user) });
    revalidatePath("/flows");
    return created;
  },
});

/** Creates a draft flow from scratch: a name and a trigger; steps are added in the editor. Audit-logged. */
export async function createFlowAction(input: unknown) {
  return newFlowDefinition(input);
}

const settingsDefinition = defineAction({
  minRole: "marketer",
  schema: z.object({ id: z.string().min(1), settings: flowSettingsSchema }),
  run: async ({ input, user }) => {
    const result = await updateFlowSettings({ id: input.id, settings: input.settings, actor: actorOf(user) });
    revalidatePath(`/flows/${input.id}`);
    revalidatePath("/flows");
    return result;
  },
});

/**
 * Saves a flow's name, trigger, re-entry rule and exit criteria. Trigger and re-entry changes apply
 * to new entries; people inside who already meet changed exit criteria leave at once. Audit-logged.
 */
export async function saveFlowSettingsAction(input: unknown) {
  return settingsDefinition(input);
}

const previewSettingsDefinition = defineAction({
  minRole: "marketer",
  schema: z.object({ id: z.string().min(1), exitOn: z.array(exitCriterionSchema).max(10) }),
  run: async ({ input }) => previewFlowSettings({ id: input.id, exitOn: input.exitOn }),
});

/** How many people inside the new exit criteria would take out at once: stated before saving. */
export async function previewFlowSettingsAction(input: unknown) {
  return previewSettingsDefinition(input);
}

const applyWinnerDefinition = defineAction({
  minRole: "marketer",
  schema: z.object({ id: z.string().min(1), stepId: z.string().min(1), variant: z.enum(variantKeys).optional() }),
  run: async ({ input, user }) => {
    const result = await applyStepWinner({ flowId: input.id, stepId: input.stepId, variant: input.variant, actor: actorOf(user) });
    revalidatePath(`/flows/${input.id}`);
    return result;
  },
});

/**
 * Ends a send step's experiment with the decided winner (or the variant chosen): the step sends it
 * to everyone who reaches it from now on. Audit-logged.
 */
export async function applyStepWinnerAction(input: unknown) {
  return applyWinnerDefinition(input);
}
