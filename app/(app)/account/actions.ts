"use server";

import { defineAction } from "@/lib/auth/define-action.server";
import { renewSession } from "@/lib/auth/renew-session.server";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { changePassword } from "@/lib/users/change-password";

const changePasswordAction = defineAction({
  minRole: "viewer",
  schema: changePasswordSchema,
  run: async ({ input, user }) => {
    const { sessionVersion } = await changePassword({
      userId: user.id,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
    });
    // Every other session of the user has ended; this one carries on.
    await renewSession({ sessionVersion });
  },
});

export async function changeOwnPassword(input: unknown) {
  return changePasswordAction(input);
}
