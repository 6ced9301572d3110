"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action.server";
import { actorOf } from "@/lib/auth/session-user";
import { eraseCustomer } from "@/lib/privacy/erase-customer";
import { eraseCustomerFormSchema } from "@/lib/privacy/schemas";

const erase = defineAction({
  minRole: "admin",
  schema: eraseCustomerFormSchema,
  run: async ({ input, user }) => {
    const result = await eraseCustomer({ customerId: input.customerId, requestedBy: input.requestedBy, actor: actorOf(user) });
    revalidatePath(`/privacy/customers/${input.customerId}`);
    revalidatePath(`/customers/${input.customerId}`);
    return { reference: result.reference };
  },
});

export async function eraseCustomerAction(input: unknown) {
  return erase(input);
}
