"use server";

import { redirect } from "next/navigation";
import { restoreVersionInputSchema } from "@/app/api/v1/templates/schemas";
import { actorOf } from "@/lib/auth/session-user";
import { defineAction } from "@/lib/auth/define-action.server";
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
