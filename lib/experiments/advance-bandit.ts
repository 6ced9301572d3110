import { systemActor, writeAuditLog } from "../audit/write-audit-log";
import { db } from "../db";
import { env } from "../env";
import { requestChunks, tryRequest } from "../campaigns/request-campaign-work";
import { getSettings } from "../settings/get-settings";
import { parseVariants } from "./campaign-variant";
import { banditShares } from "./bandit-shares";
import { countVariantResults, needsPurchases } from "./count-variant-results";
import { lockTestingExperiment, releaseHeldRows } from "./release-held-rows";
import type { ExperimentMetric } from "./schemas";
import { splitByAllocation, type BetaSampler, type NormalSampler } from "./thompson-sampling";

export interface BanditStep {
  status: "not-testing" | "waiting" | "wave" | "done";
  wave?: number;
  shares?: Record<string, number>;
  recipients?: number;
}

/**
 * One step of a bandit campaign (the workers' sweep runs it every few seconds): once the previous
 * wave is sent and `waitMinutes` have passed since it started, Thompson sampling on the chosen
 * metric (Beta(1 + responders, 1 + non-responders) per arm, from everything sent so far) gives each
 * arm its share of the next wave — the posterior probability that it is the best — and that many
 * held rows are released to each arm. Every wave's allocation is stored for the chart. When no row
 * is held any more, the arm with the largest share is recorded as the winner. A wave is recorded
 * under its number (primary key) in the transaction that releases its rows: it happens once.
 */
export async function advanceBandit(options: {
  campaignId: string;
  now?: Date;
  sample?: BetaSampler;
  /** Revenue per recipient: the normal sampler of the means' posteriors. */
  sampleNormal?: NormalSampler;
  chunkSize?: number;
}): Promise<BanditStep> {
  const now = options.now ?? new Date();
  const experiment = await db.campaignExperiment.findUnique({
    where: { campaignId: options.campaignId },
    include: { campaign: { select: { status: true } } },
  });
  if (!experiment || experiment.mode !== "bandit" || experiment.status !== "testing") return { status: "not-testing" };
  const waves = await db.campaignExperimentAllocation.findMany({
    where: { campaignId: options.campaignId },
    orderBy: { wave: "asc" },
    select: { wave: true, at: true, recipients: true },
  });
  const last = waves.at(-1);
  if (!last || now.getTime() < last.at.getTime() + experiment.waitMinutes * 60_000) return { status: "waiting" };

  const { attributionDays } = await getSettings();
  const metric = experiment.metric as ExperimentMetric;
  const counts = await countVariantResults({ campaignId: options.campaignId, attributionDays, conversions: needsPurchases(metric) });
  if (counts.variants.some((v) => v.pending > 0)) return { status: "waiting" };
  const keys = parseVariants(experiment.variants).map((v) => v.key);
  const {
    shares,
    arms: armsJson,
    allocation,
    leader,
  } = banditShares({
    metric,
    keys,
    counts: counts.variants,
    sample: options.sample,
    sampleNormal: options.sampleNormal,
  });
  const chunkSize = options.chunkSize ?? env().CAMPAIGN_CHUNK_SIZE;

  const step = await db.$transaction(
    async (tx) => {
      const held = await lockTestingExperiment(tx, options.campaignId);
      if (held === null) return null;
      if (held === 0 || experiment.campaign.status !== "sending") {
        if (held > 0) return { status: "waiting" as const, chunks: [] };
        const winner = leader;
        await tx.campaignExperiment.update({
          where: { campaignId: options.campaignId },
          data: {
            status: "decided",
            winner,
            decidedAt: now,
            decision: { shares, arms: armsJson, reason: `${winner} is most likely the best arm` },
          },
        });
        await writeAuditLog(
          {
            actor: systemActor("worker"),
            action: "campaign.experiment_decide",
            targetType: "campaign",
            targetId: options.campaignId,
            after: { mode: "bandit", winner, shares },
          },
          tx,
        );
        return { status: "done" as const, chunks: [] };
      }
      const wave = last.wave + 1;
      const recipients = Math.min(held, waves[0]!.recipients);
      const split = splitByAllocation(recipients, allocation).map((rows, i) => ({ key: keys[i]!, rows }));
      const inserted = await tx.$executeRaw`
        INSERT INTO campaign_experiment_allocations (campaign_id, wave, at, shares, arms, recipients)
        VALUES (${options.campaignId}, ${wave}, ${now}, ${JSON.stringify(shares)}::jsonb, ${JSON.stringify(armsJson)}::jsonb, ${recipients})
        ON CONFLICT DO NOTHING`;
      if (inserted === 0) return null;
      const chunks = await releaseHeldRows(tx, { campaignId: options.campaignId, split, salt: `wave-${wave}`, chunkSize });
      await tx.campaignExperiment.update({
        where: { campaignId: options.campaignId },
        data: { decision: { shares, arms: armsJson, wave } },
      });
      return { status: "wave" as const, chunks, wave, recipients };
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
  if (!step) return { status: "not-testing" };
  if (step.chunks.length) await tryRequest(() => requestChunks({ campaignId: options.campaignId, chunks: step.chunks }));
  return {
    status: step.status,
    wave: "wave" in step ? step.wave : undefined,
    shares,
    recipients: "recipients" in step ? step.recipients : undefined,
  };
}
