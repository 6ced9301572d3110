import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { saveCampaignExperiment } from "../experiments/save-campaign-experiment";
import { assertCampaignReferences, campaignData } from "./create-campaign";
import { campaignInputSchema, type CampaignInput } from "./schemas";

/** Edits a draft campaign (a scheduled one is paused or cancelled first). Audit-logged with before/after. */
export async function updateCampaign(options: { id: string; input: CampaignInput; actor: Actor }): Promise<void> {
  const values = campaignInputSchema.parse(options.input);
  await assertCampaignReferences(values);
  await db.$transaction(async (tx) => {
    const before = await tx.campaign.findUnique({ where: { id: options.id } });
    if (!before) throw new AppError("not_found", "There is no such campaign: it may have been deleted.");
    const { count } = await tx.campaign.updateMany({ where: { id: options.id, status: "draft" }, data: campaignData(values) });
    if (count === 0)
      throw new AppError("conflict", `The campaign is ${before.status}: only a draft can be edited. Duplicate it to send a changed copy.`);
    await saveCampaignExperiment(tx, options.id, values.experiment);
    await writeAuditLog(
      { actor: options.actor, action: "campaign.update", targetType: "campaign", targetId: options.id, before, after: { ...values } },
      tx,
    );
  });
}
