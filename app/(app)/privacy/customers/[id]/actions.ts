"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/auth/define-action.server";
import { actorOf } from "@/lib/auth/session-user";
import { eraseCustomer } from "@/lib/privacy/erase-customer";
import { eraseCustomerFormSchema } from "@/lib/privacy/schemas";

const erase = defineAction({
  minRole: "admin",
  schema: eraseCustomerFormSchema,
  run: async ({ input, user }) => {
    const result = await eraseCustomer({ customerId: input.customerId, requestedBy: input.requestedBy, actor: actorOf(user) });
    redirect(`/privacy?erased=${result.reference}`);
  },
});

export async function eraseCustomerAction(input: unknown) {
  return erase(input);
}
