"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf } from "@/lib/auth/session-user";
import { defineAction } from "@/lib/auth/define-action.server";
import { setFlowStatus } from "@/lib/flows/set-flow-status";
import { flowStepSchema } from "@/lib/flows/schemas";
import { createStarterFlow, STARTER_KEYS } from "@/lib/flows/starter-flows";
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
