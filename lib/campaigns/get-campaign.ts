import { db } from "../db";
import { AppError } from "../errors";

/** A campaign with its template's name and pinned version number. Throws not_found. */
export async function getCampaign(id: string) {
  const campaign = await db.campaign.findUnique({
    where: { id },
    include: {
      template: { select: { id: true, name: true } },
      templateVersion: { select: { id: true, number: true } },
      createdBy: { select: { email: true } },
      experiment: true,
    },
  });
  if (!campaign) throw new AppError("not_found", "There is no such campaign: it may have been deleted. Go back to the campaigns list.");
  return campaign;
}

export type CampaignDetail = Awaited<ReturnType<typeof getCampaign>>;
