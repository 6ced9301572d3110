import { db } from "../db";

/**
 * A template's current version: the newest that is not a draft (drafts have errors, or were saved
 * as drafts on purpose). What new campaigns pin and flows send; null when every version is a draft.
 */
export async function findCurrentVersion(
  templateId: string,
  tx: Pick<typeof db, "emailTemplateVersion"> = db,
): Promise<{ id: string; number: number } | null> {
  return tx.emailTemplateVersion.findFirst({
    where: { templateId, draft: false },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
}
