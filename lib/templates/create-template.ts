import type { Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { blankTemplate } from "./blank-template";
import { loadGalleryTemplate } from "./gallery";
import { saveTemplateVersion } from "./save-template-version";
import { createTemplateSchema } from "./schemas";

/** Creates a template with its first version: a gallery starter, or a blank greeting with the footer. */
export async function createTemplate(options: {
  name: string;
  fromGallery?: string;
  createdById: string | null;
  actor?: Actor;
}): Promise<{ id: string; versionId: string }> {
  const input = createTemplateSchema.parse({ name: options.name, fromGallery: options.fromGallery || undefined });
  const draft = input.fromGallery ? await loadGalleryTemplate(input.fromGallery) : blankTemplate;
  const template = await db.emailTemplate.create({
    data: { name: input.name, fromGallery: input.fromGallery ?? null, createdById: options.createdById },
    select: { id: true },
  });
  const version = await saveTemplateVersion({
    templateId: template.id,
    subject: draft.subject,
    preheader: draft.preheader,
    mjml: draft.mjml,
    createdById: options.createdById,
    actor: options.actor,
  });
  return { id: template.id, versionId: version.id };
}
