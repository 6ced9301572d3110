"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { restoreVersionInputSchema } from "@/app/api/v1/templates/schemas";
import { actorOf } from "@/lib/auth/session-user";
import { defineAction } from "@/lib/auth/define-action.server";
import { makeVersionCurrent } from "@/lib/templates/make-version-current";
import { restoreTemplateVersion } from "@/lib/templates/restore-template-version";

const restoreVersionDefinition = defineAction({
  minRole: "marketer",
  schema: restoreVersionInputSchema,
  run: async ({ input, user }) => {
    await restoreTemplateVersion({ versionId: input.versionId, createdById: user.id, actor: actorOf(user) });
    redirect(`/templates/${input.templateId}`);
  },
});

/** Saves a copy of an old version as the template's newest, then opens the editor on it. */
export async function restoreVersionAction(input: unknown) {
  return restoreVersionDefinition(input);
}

const makeCurrentDefinition = defineAction({
  minRole: "marketer",
  schema: restoreVersionInputSchema,
  run: async ({ input, user }) => {
    const current = await makeVersionCurrent({ versionId: input.versionId, createdById: user.id, actor: actorOf(user) });
    revalidatePath(`/templates/${input.templateId}/versions`);
    return current;
  },
});

/** Makes a draft the template's current version, checked against today's settings (refused with what to fix). */
export async function makeVersionCurrentAction(input: unknown) {
  return makeCurrentDefinition(input);
}
