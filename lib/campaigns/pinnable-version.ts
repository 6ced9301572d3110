import { db } from "../db";
import { AppError } from "../errors";
import { findCurrentVersion } from "../templates/find-current-version";
import { prepareCampaignTemplate } from "./prepare-campaign-template";

/**
 * The version a campaign pins: the template's current one (drafts are never sent). Without one,
 * the newest draft's own problem is the message (what to fix), or else how to make it current.
 */
export async function pinnableVersion(templateId: string): Promise<{ id: string; number: number }> {
  const current = await findCurrentVersion(templateId);
  if (current) return current;
  const newest = await db.emailTemplateVersion.findFirst({
    where: { templateId },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  if (!newest) throw new AppError("unprocessable", "The campaign's template has no saved version: save it in the editor first.");
  await prepareCampaignTemplate({ templateVersionId: newest.id, subject: null, preheader: null });
  throw new AppError(
    "unprocessable",
    `The campaign's template has no current version (version ${newest.number} is a draft): make it current on the template's Versions page first.`,
  );
}
