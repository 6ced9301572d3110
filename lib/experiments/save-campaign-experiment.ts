import { db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { ExperimentValues } from "./schemas";

type Tx = Prisma.TransactionClient;

/** Checks that the templates of content variants exist (the campaign's own is checked with the campaign). */
export async function assertExperimentReferences(experiment: ExperimentValues | null | undefined): Promise<void> {
  if (!experiment || experiment.dimension !== "content") return;
  const ids = experiment.variants.map((v) => v.templateId).filter((id): id is string => !!id);
  const found = await db.emailTemplate.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const missing = ids.find((id) => !found.some((t) => t.id === id));
  if (missing) throw new AppError("not_found", `There is no template "${missing}" for a variant: pick one from the Templates page.`);
}

/** Stores a draft campaign's experiment (or removes it when the campaign no longer tests anything). */
export async function saveCampaignExperiment(tx: Tx, campaignId: string, experiment: ExperimentValues | null | undefined): Promise<void> {
  if (!experiment) {
    await tx.campaignExperiment.deleteMany({ where: { campaignId } });
    return;
  }
  const data = {
    mode: experiment.mode,
    dimension: experiment.dimension,
    metric: experiment.metric,
    // Template versions are pinned when the campaign is scheduled.
    variants: experiment.variants.map((v) => ({ ...v, templateVersionId: null })),
    testPercent: experiment.testPercent,
    holdoutPercent: experiment.holdoutPercent,
    method: experiment.method,
    alpha: experiment.alpha,
    tau: experiment.tau,
    waitMinutes: experiment.waitMinutes,
    status: "testing",
    winner: null,
    decidedAt: null,
  };
  await tx.campaignExperiment.upsert({ where: { campaignId }, create: { campaignId, ...data }, update: data });
}
