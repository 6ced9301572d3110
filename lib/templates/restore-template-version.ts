import type { Actor } from "../audit/write-audit-log";
import { getTemplateVersion } from "./get-template";
import { saveTemplateVersion, type SavedVersion } from "./save-template-version";

/** Restores an old version by saving a copy of it as the newest version (history is never rewritten). */
export async function restoreTemplateVersion(options: {
  versionId: string;
  createdById: string | null;
  actor?: Actor;
}): Promise<SavedVersion> {
  const old = await getTemplateVersion(options.versionId);
  return saveTemplateVersion({
    templateId: old.templateId,
    subject: old.subject,
    preheader: old.preheader,
    mjml: old.mjml,
    createdById: options.createdById,
    restoredFromId: old.id,
    actor: options.actor,
  });
}
