"use server";

import { definePublicAction } from "@/lib/auth/define-action.server";
import { setupAdminSchema } from "@/lib/auth/schemas";
import { createFirstAdmin } from "@/lib/users/create-first-admin";

const createFirstAdminAction = definePublicAction({
  schema: setupAdminSchema,
  run: async ({ input }) => {
    const user = await createFirstAdmin({ email: input.email, password: input.password, name: input.name });
    return { email: user.email };
  },
});

/** Public on purpose: works only while there are no users (createFirstAdmin checks, under a lock). */
export async function setupFirstAdmin(input: unknown) {
  return createFirstAdminAction(input);
}
