"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action.server";
import { actorOf } from "@/lib/auth/session-user";
import { inviteUser } from "@/lib/users/invite-user";
import { inviteUserSchema, setUserActiveSchema, setUserRoleSchema } from "@/lib/users/schemas";
import { setUserActive, setUserRole } from "@/lib/users/update-user-access";

const invite = defineAction({
  minRole: "admin",
  schema: inviteUserSchema,
  run: async ({ input, user }) => {
    const { user: created, temporaryPassword } = await inviteUser({ ...input, actor: actorOf(user) });
    revalidatePath("/users");
    return { email: created.email, temporaryPassword };
  },
});

const role = defineAction({
  minRole: "admin",
  schema: setUserRoleSchema,
  run: async ({ input, user }) => {
    await setUserRole({ ...input, actor: actorOf(user) });
    revalidatePath("/users");
  },
});

const active = defineAction({
  minRole: "admin",
  schema: setUserActiveSchema,
  run: async ({ input, user }) => {
    await setUserActive({ ...input, actor: actorOf(user) });
    revalidatePath("/users");
  },
});

export async function inviteUserAction(input: unknown) {
  return invite(input);
}
export async function setUserRoleAction(input: unknown) {
  return role(input);
}
export async function setUserActiveAction(input: unknown) {
  return active(input);
}
