import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { compileTemplate } from "./compile-template";
import { findCurrentVersion } from "./find-current-version";
import { saveTemplateVersion } from "./save-template-version";
import { actorFor } from "./template-actor";
import { loadTemplateSettings } from "./template-settings";
import { describeBlocker, versionBlockers } from "./version-blockers";

/**
 * Makes a version the template's current one, checked against today's settings: refused, saying
 * what to fix, while it has errors or footer problems (an empty postal address setting included).
 * A draft newer than the current version stops being a draft; an older version is copied as the
 * newest (history is never rewritten). Returns the version that is now current.
 */
export async function makeVersionCurrent(options: {
  versionId: string;
  createdById: string | null;
  actor?: Actor;
}): Promise<{ id: string; number: number }> {
  const version = await db.emailTemplateVersion.findUnique({
    where: { id: options.versionId },
    select: { id: true, templateId: true, number: true, subject: true, preheader: true, mjml: true, draft: true },
  });
  if (!version) throw new AppError("not_found", "There is no such template version: pick one from the template's history.");
  const current = await findCurrentVersion(version.templateId);
  if (current?.id === version.id) return current;
  const compiled = await compileTemplate(version, await loadTemplateSettings());
  const blockers = versionBlockers(compiled.diagnostics);
  if (blockers.length > 0) {
    const more = blockers.length > 1 ? ` (and ${blockers.length - 1} more problem${blockers.length > 2 ? "s" : ""})` : "";
    const still = current
      ? `campaigns and flows keep using version ${current.number}`
      : "no version is current, so nothing sends this template";
    throw new AppError(
      "unprocessable",
      `Version ${version.number} cannot become the current version: ${describeBlocker(blockers[0]!).replace(/\.$/, "")}${more}. It stays a draft; ${still}.`,
    );
  }
  if (current && current.number > version.number) {
    const copy = await saveTemplateVersion({
      templateId: version.templateId,
      subject: version.subject,
      preheader: version.preheader,
      mjml: version.mjml,
      createdById: options.createdById,
      restoredFromId: version.id,
      actor: options.actor,
    });
    return { id: copy.id, number: copy.number };
  }
  const actor = await actorFor(options.createdById, options.actor);
  await db.$transaction(async (tx) => {
    await tx.emailTemplateVersion.update({ where: { id: version.id }, data: { draft: false } });
    await tx.emailTemplate.update({ where: { id: version.templateId }, data: { updatedAt: new Date() } });
    await writeAuditLog(
      {
        actor,
        action: "template.made_current",
        targetType: "email_template",
        targetId: version.templateId,
        before: { current: current?.number ?? null },
        after: { version: version.number, versionId: version.id },
      },
      tx,
    );
  });
  return { id: version.id, number: version.number };
}
