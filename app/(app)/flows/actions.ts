"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf } from "@/lib/auth/session-user";
import { defineAction } from "@/lib/auth/define-action.server";
import { setFlowStatus } from "@/lib/flows/set-flow-status";
import { createStarterFlow, STARTER_KEYS } from "@/lib/flows/starter-flows";

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
