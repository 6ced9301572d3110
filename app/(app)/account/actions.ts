"use server";

import { defineAction } from "@/lib/auth/define-action.server";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { changePassword } from "@/lib/users/change-password";

const changePasswordAction = defineAction({
  minRole: "viewer",
  schema: changePasswordSchema,
  run: ({ input, user }) => changePassword({ userId: user.id, currentPassword: input.currentPassword, newPassword: input.newPassword }),
});

export async function changeOwnPassword(input: unknown) {
  return changePasswordAction(input);
}
