import { db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { pinnableVersion } from "../campaigns/pinnable-version";
import { prepareCampaignTemplate } from "../campaigns/prepare-campaign-template";
import { parseVariants, variantSource, type VariantSource } from "./campaign-variant";
import type { ExperimentVariant } from "./schemas";

/**
 * At scheduling: pins each content variant's template to its current version (as the campaign's own) and checks that every
 * variant can be sent (the same checks as the campaign's own template: no errors, unsubscribe link,
 * postal address). Returns the variants to store, or null when the campaign has no experiment.
 */
export async function pinExperimentVariants(options: { campaignId: string; campaign: VariantSource }): Promise<ExperimentVariant[] | null> {
  const experiment = await db.campaignExperiment.findUnique({
    where: { campaignId: options.campaignId },
    select: { dimension: true, variants: true },
  });
  if (!experiment) return null;
  const variants = parseVariants(experiment.variants);
  const pinned: ExperimentVariant[] = [];
  for (const v of variants) {
    let templateVersionId: string | null = null;
    if (experiment.dimension === "content" && v.templateId) {
      let latest: { id: string };
      try {
        latest = await pinnableVersion(v.templateId);
      } catch (e) {
        if (e instanceof AppError)
          throw new AppError(e.code, `Variant ${v.key}: ${e.message.replace("The campaign's template", "its template")}`);
        throw e;
      }
      templateVersionId = latest.id;
    }
    const variant = { ...v, templateVersionId };
    const source = variantSource(options.campaign, { dimension: experiment.dimension, variants: [variant] }, v.key);
    try {
      await prepareCampaignTemplate({
        campaignId: options.campaignId,
        templateVersionId: source.templateVersionId,
        subject: source.subject,
        preheader: source.preheader,
      });
    } catch (e) {
      if (e instanceof AppError) throw new AppError(e.code, `Variant ${v.key}: ${e.message}`);
      throw e;
    }
    pinned.push(variant);
  }
  return pinned;
}

/** Stores the pinned variants (inside the scheduling transaction). */
export async function storePinnedVariants(tx: Prisma.TransactionClient, campaignId: string, variants: ExperimentVariant[]): Promise<void> {
  await tx.campaignExperiment.update({ where: { campaignId }, data: { variants, status: "testing", winner: null, decidedAt: null } });
}
