"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action.server";
import { actorOf } from "@/lib/auth/session-user";
import { undoMerge } from "@/lib/identity/undo-merge";
import { undoMergeSchema } from "@/lib/identity/schemas";

const undoMergeAction = defineAction({
  minRole: "admin",
  schema: undoMergeSchema,
  run: async ({ input, user }) => {
    const result = await undoMerge({ mergeId: input.mergeId, actor: actorOf(user) });
    revalidatePath(`/customers/${result.survivorId}`);
    return result;
  },
});

export async function undoMergeFromProfile(input: unknown) {
  return undoMergeAction(input);
}
