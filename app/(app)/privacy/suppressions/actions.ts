"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action.server";
import { actorOf } from "@/lib/auth/session-user";
import { addSuppression } from "@/lib/consent/add-suppression";
import { addSuppressionFormSchema } from "@/lib/consent/suppression-schemas";

const add = defineAction({
  minRole: "admin",
  schema: addSuppressionFormSchema,
  run: async ({ input, user }) => {
    const r = await addSuppression({ email: input.email, reason: input.reason, note: input.note, source: "admin", actor: actorOf(user) });
    revalidatePath("/privacy/suppressions");
    return r;
  },
});

export async function addSuppressionAction(input: unknown) {
  return add(input);
}
