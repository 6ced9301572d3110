import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";
import { assertExperimentReferences, saveCampaignExperiment } from "../experiments/save-campaign-experiment";
import { assertSegmentsExist } from "./mailable-audience";
import { campaignInputSchema, type CampaignInput, type CampaignValues } from "./schemas";

/** Checks what a campaign refers to: its segments, template and sending account. */
export async function assertCampaignReferences(values: CampaignValues): Promise<void> {
  await assertSegmentsExist([...values.includeSegmentIds, ...values.excludeSegmentIds]);
  const [template, account] = await Promise.all([
    db.emailTemplate.findUnique({ where: { id: values.templateId }, select: { id: true } }),
    db.sendingAccount.findUnique({ where: { id: values.sendingAccountId }, select: { id: true } }),
  ]);
  if (!template) throw new AppError("not_found", `There is no template "${values.templateId}": pick one from the Templates page.`);
  if (!account) throw new AppError("not_found", `There is no sending account "${values.sendingAccountId}".`);
  await assertExperimentReferences(values.experiment);
}

export function campaignData(values: CampaignValues) {
  return {
    name: values.name,
    includeSegmentIds: values.includeSegmentIds,
    excludeSegmentIds: values.excludeSegmentIds,
    templateId: values.templateId,
    subject: values.subject?.trim() ? values.subject : null,
    preheader: values.preheader?.trim() ? values.preheader : null,
    senderName: values.senderName,
    senderEmail: values.senderEmail,
    replyTo: values.replyTo,
    scheduleKind: values.scheduleKind,
    scheduledAt: values.scheduleKind === "now" ? null : (values.scheduledAt ?? null),
    localHour: values.scheduleKind === "local_hour" ? (values.localHour ?? null) : null,
    priority: values.priority,
    transactional: values.transactional,
    sendingAccountId: values.sendingAccountId,
  };
}

/** Creates a draft campaign (nothing is pinned or sent until it is scheduled). Audit-logged; callers check the role (marketer). */
export async function createCampaign(options: { input: CampaignInput; actor: Actor }): Promise<{ id: string }> {
  const values = campaignInputSchema.parse(options.input);
  await assertCampaignReferences(values);
  return db.$transaction(async (tx) => {
    const created = await tx.campaign.create({
      data: { ...campaignData(values), status: "draft", createdById: options.actor.id },
      select: { id: true },
    });
    await saveCampaignExperiment(tx, created.id, values.experiment);
    await writeAuditLog(
      { actor: options.actor, action: "campaign.create", targetType: "campaign", targetId: created.id, after: { ...values } },
      tx,
    );
    return created;
  });
}
