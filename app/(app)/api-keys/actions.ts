"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action.server";
import { actorOf } from "@/lib/auth/session-user";
import { identitySettingsFormSchema } from "@/lib/identity/schemas";
import { updateIdentitySettings } from "@/lib/identity/update-identity-settings";
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

const saveIdentityRulesAction = defineAction({
  minRole: "admin",
  schema: identitySettingsFormSchema,
  run: async ({ input, user }) => {
    const saved = await updateIdentitySettings({ values: { ...input, blocklist: input.blocklist.join("\n") }, actor: actorOf(user) });
    revalidatePath("/api-keys");
    return saved;
  },
});

export async function saveIdentityRules(input: unknown) {
  return saveIdentityRulesAction(input);
}

export async function createApiKeyAction(input: unknown) {
  return createAction(input);
}

export async function revokeApiKeyAction(input: unknown) {
  return revokeAction(input);
}
