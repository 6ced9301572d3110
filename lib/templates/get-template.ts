import { db } from "../db";
import { AppError } from "../errors";
import { findCurrentVersion } from "./find-current-version";

const versionSelect = {
  id: true,
  templateId: true,
  number: true,
  subject: true,
  preheader: true,
  mjml: true,
  compileMode: true,
  draft: true,
  restoredFromId: true,
  createdById: true,
  createdAt: true,
} as const;

/** A template with its latest version (maybe a draft) and its current one (the newest non-draft). Throws not_found. */
export async function getTemplate(id: string) {
  const template = await db.emailTemplate.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      fromGallery: true,
      createdAt: true,
      updatedAt: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: versionSelect },
    },
  });
  if (!template) throw new AppError("not_found", "There is no such template: it may have been deleted. Go back to the templates list.");
  const { versions, ...rest } = template;
  const latest = versions[0];
  const current = latest && !latest.draft ? { id: latest.id, number: latest.number } : await findCurrentVersion(id);
  return { ...rest, latest: latest!, current };
}

/** One version, whole. Throws not_found. */
export async function getTemplateVersion(id: string) {
  const version = await db.emailTemplateVersion.findUnique({ where: { id }, select: versionSelect });
  if (!version) throw new AppError("not_found", "There is no such template version: pick one from the template's history.");
  return version;
}

export type TemplateWithLatest = Awaited<ReturnType<typeof getTemplate>>;
export type TemplateVersion = Awaited<ReturnType<typeof getTemplateVersion>>;

/** A template's versions, newest first (without their bodies). */
export async function listTemplateVersions(templateId: string) {
  return db.emailTemplateVersion.findMany({
    where: { templateId },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      subject: true,
      compileMode: true,
      draft: true,
      restoredFromId: true,
      createdById: true,
      createdAt: true,
    },
  });
}
