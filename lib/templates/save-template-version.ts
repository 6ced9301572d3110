import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { compileTemplate } from "./compile-template";
import { findCurrentVersion } from "./find-current-version";
import { draftSchema } from "./schemas";
import { actorFor } from "./template-actor";
import { loadTemplateSettings } from "./template-settings";
import type { TemplateDiagnostic } from "./types";
import { versionBlockers } from "./version-blockers";

export interface SavedVersion {
  id: string;
  number: number;
  compileMode: "compile-once" | "per-recipient";
  diagnostics: TemplateDiagnostic[];
  /** true: saved as a draft (it has blockers, or `asDraft` was asked); it is not the current version. */
  draft: boolean;
  /** What keeps it from being current: errors and footer problems (see version-blockers.ts). */
  blockers: TemplateDiagnostic[];
  /** The template's current version after this save (this one unless it is a draft), if any. */
  current: { id: string; number: number } | null;
}

/**
 * Saves a new version of a template (every save is one; versions are never changed). A version
 * without errors or footer problems becomes the current one (the newest non-draft: what new
 * campaigns pin and flows send); one with them is saved as a draft, as is any version saved with
 * `asDraft`. The diagnostics come back with the version (docs/decisions/111).
 */
export async function saveTemplateVersion(options: {
  templateId: string;
  subject: string;
  preheader: string;
  mjml: string;
  createdById: string | null;
  restoredFromId?: string;
  /** Save without making it current, even when it could be. */
  asDraft?: boolean;
  actor?: Actor;
}): Promise<SavedVersion> {
  const draft = draftSchema.parse(options);
  const compiled = await compileTemplate(draft, await loadTemplateSettings());
  const blockers = versionBlockers(compiled.diagnostics);
  const isDraft = options.asDraft === true || blockers.length > 0;
  const actor = await actorFor(options.createdById, options.actor);
  for (let attempt = 0; ; attempt++) {
    try {
      const saved = await db.$transaction(async (tx) => {
        const template = await tx.emailTemplate.findUnique({ where: { id: options.templateId }, select: { id: true } });
        if (!template)
          throw new AppError("not_found", "This template no longer exists: it may have been deleted. Go back to the templates list.");
        const last = await tx.emailTemplateVersion.findFirst({
          where: { templateId: options.templateId },
          orderBy: { number: "desc" },
          select: { number: true },
        });
        const number = (last?.number ?? 0) + 1;
        const version = await tx.emailTemplateVersion.create({
          data: {
            templateId: options.templateId,
            number,
            ...draft,
            compileMode: compiled.mode,
            draft: isDraft,
            restoredFromId: options.restoredFromId ?? null,
            createdById: options.createdById,
          },
          select: { id: true, number: true },
        });
        await tx.emailTemplate.update({ where: { id: options.templateId }, data: { updatedAt: new Date() } });
        await writeAuditLog(
          {
            actor,
            action: options.restoredFromId ? "template.restored" : "template.saved",
            targetType: "email_template",
            targetId: options.templateId,
            after: {
              version: number,
              versionId: version.id,
              restoredFromId: options.restoredFromId,
              subject: draft.subject,
              draft: isDraft,
            },
          },
          tx,
        );
        const current = isDraft ? await findCurrentVersion(options.templateId, tx) : version;
        return { ...version, current };
      });
      return { ...saved, compileMode: compiled.mode, diagnostics: compiled.diagnostics, draft: isDraft, blockers };
    } catch (e) {
      // Two saves at once took the same number: the unique (template, number) refused one; retry it.
      if (attempt < 3 && (e as { code?: string }).code === "P2002") continue;
      throw e;
    }
  }
}
