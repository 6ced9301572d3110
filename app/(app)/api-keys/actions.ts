"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action.server";
import { actorOf } from "@/lib/auth/session-user";
import { createApiKey } from "@/lib/tracking/create-api-key";
import { revokeApiKey } from "@/lib/tracking/revoke-api-key";
import { apiKeyFormSchema, revokeApiKeySchema } from "@/lib/tracking/schemas";

const createAction = defineAction({
  minRole: "admin",
  schema: apiKeyFormSchema,
  run: async ({ input, user }) => {
    const key = await createApiKey({ input, actor: actorOf(user) });
    revalidatePath("/api-keys");
    return { label: key.label, kind: key.kind, token: key.token };
  },
});

const revokeAction = defineAction({
  minRole: "admin",
  schema: revokeApiKeySchema,
  run: async ({ input, user }) => {
    await revokeApiKey({ id: input.id, actor: actorOf(user) });
    revalidatePath("/api-keys");
    return null;
  },
});

export async function createApiKeyAction(input: unknown) {
  return createAction(input);
}

export async function revokeApiKeyAction(input: unknown) {
  return revokeAction(input);
}
