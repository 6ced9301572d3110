"use server";

import { redirect } from "next/navigation";
import { actorOf } from "@/lib/auth/session-user";
import { defineAction } from "@/lib/auth/define-action.server";
import { createTemplate } from "@/lib/templates/create-template";
import { createTemplateFormSchema } from "@/app/api/v1/templates/schemas";

const createTemplateDefinition = defineAction({
  minRole: "marketer",
  schema: createTemplateFormSchema,
  run: async ({ input, user }) => {
    const template = await createTemplate({ name: input.name, fromGallery: input.fromGallery, createdById: user.id, actor: actorOf(user) });
    redirect(`/templates/${template.id}`);
  },
});

/** Creates a template (blank or from a gallery entry) and opens it in the editor. */
export async function createTemplateAction(input: unknown) {
  return createTemplateDefinition(input);
}
