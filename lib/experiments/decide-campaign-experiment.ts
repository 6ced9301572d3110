import { systemActor, writeAuditLog } from "../audit/write-audit-log";
import { db } from "../db";
import { env } from "../env";
import { requestChunks, tryRequest } from "../campaigns/request-campaign-work";
import { getSettings } from "../settings/get-settings";
import { parseVariants } from "./campaign-variant";
import { countVariantResults, needsPurchases, variantResult } from "./count-variant-results";
import { decideWinner, type VariantResult, type WinnerDecision, type WinnerRule } from "./decide-winner";
import { lockTestingExperiment, releaseHeldRows } from "./release-held-rows";
import type { ExperimentMetric, ExperimentVariant } from "./schemas";
import { testDeadline } from "./test-deadline";

/** What a look at a test stores (campaign_experiments.decision) and the report shows. */
export interface ExperimentLook extends WinnerDecision {
  variants: VariantResult[];
  deadline: string;
  lookedAt: string;
  /** The sequential test's always-valid p-values against `leaderId`, carried to the next look. */
  pValues: Record<string, number>;
  /** Held rows sent the winner. */
  released?: number;
}

export interface DecideResult {
  status: "not-testing" | WinnerDecision["status"];
  winner?: string;
  released?: number;
}

/**
 * One look at a campaign's A/B/n test (the workers' sweep runs it every few seconds; tests pass the
 * moment as `now`). The rule was fixed before sending: with the fixed method nothing is decided
 * before the deadline (the test portion's start + wait); with the sequential method (mSPRT) a
 * winner may be declared at any look, its always-valid p-values carried from look to look. Once
 * decided — a winner, or the control when inconclusive — every held row gets the winner, in new
 * chunks sent through the normal chunk jobs (consent, suppression and the frequency cap checked at
 * sending). The experiment's row is locked and must still be testing, so the held rows are
 * released exactly once however many workers look at the same moment.
 */
export async function decideCampaignExperiment(options: { campaignId: string; now?: Date; chunkSize?: number }): Promise<DecideResult> {
  const now = options.now ?? new Date();
  const experiment = await db.campaignExperiment.findUnique({
    where: { campaignId: options.campaignId },
    include: { campaign: { select: { status: true, startedAt: true } } },
  });
  const campaign = experiment?.campaign;
  if (!experiment || experiment.mode !== "test" || experiment.status !== "testing" || !campaign?.startedAt)
    return { status: "not-testing" };
  if (campaign.status !== "sending" && campaign.status !== "finished") return { status: "not-testing" };

  const deadline = await testDeadline({ ...experiment, startedAt: campaign.startedAt });
  const previous = experiment.decision as Partial<ExperimentLook> | null;
  // A fixed horizon has nothing to look at before its deadline; the sequential test looks at most once a minute.
  if (experiment.method !== "sequential" && now < deadline) return { status: "continue" };
  if (now < deadline && previous?.lookedAt && now.getTime() - Date.parse(previous.lookedAt) < 60_000) return { status: "continue" };

  const { attributionDays, timeZone } = await getSettings();
  const metric = experiment.metric as ExperimentMetric;
  const sendTimes = experiment.dimension === "send_time";
  const counts = await countVariantResults({
    campaignId: options.campaignId,
    attributionDays,
    conversions: needsPurchases(metric),
    // Send times: every variant measured over the same time after its own send.
    windowMinutes: sendTimes ? experiment.waitMinutes : undefined,
  });
  const stored = parseVariants(experiment.variants);
  const variants = stored.map((v) =>
    variantResult(
      v.key,
      counts.variants.find((x) => x.key === v.key),
      metric,
    ),
  );
  const rule: WinnerRule =
    experiment.method === "sequential"
      ? { method: "sequential", alpha: experiment.alpha, tau: experiment.tau, deadline }
      : { method: "fixed", alpha: experiment.alpha, deadline };
  // Always-valid p-values are carried only for the same comparisons: against the same leader.
  const rate = (v: VariantResult) => v.mean ?? (v.trials ? v.successes / v.trials : 0);
  const leader = variants.reduce((best, v) => (rate(v) > rate(best) ? v : best), variants[0]!);
  const carried = previous?.leaderId === leader.id ? previous.pValues : undefined;
  const decision = decideWinner({ variants, rule, now, previousPValues: carried });
  const look: ExperimentLook = {
    ...decision,
    variants,
    deadline: deadline.toISOString(),
    lookedAt: now.toISOString(),
    pValues: Object.fromEntries(decision.comparisons.map((c) => [c.againstId, c.pValue])),
  };

  if (decision.status === "continue") {
    await db.campaignExperiment.updateMany({
      where: { campaignId: options.campaignId, status: "testing" },
      data: { decision: JSON.parse(JSON.stringify(look)) },
    });
    return { status: "continue" };
  }

  const winner = decision.winnerId!;
  const chunkSize = options.chunkSize ?? env().CAMPAIGN_CHUNK_SIZE;
  const outcome = await db.$transaction(
    async (tx) => {
      const held = await lockTestingExperiment(tx, options.campaignId);
      if (held === null) return null;
      const chunks = await releaseHeldRows(tx, {
        campaignId: options.campaignId,
        split: [{ key: winner, rows: held }],
        salt: "winner",
        chunkSize,
        // A send-time winner goes to the rest at its next time in each recipient's zone.
        sendTime: sendTimes ? sendTimeOf(stored, winner, timeZone, now) : null,
      });
      look.released = held;
      await tx.campaignExperiment.update({
        where: { campaignId: options.campaignId },
        data: { status: "decided", winner, decidedAt: now, decision: JSON.parse(JSON.stringify(look)) },
      });
      await writeAuditLog(
        {
          actor: systemActor("worker"),
          action: "campaign.experiment_decide",
          targetType: "campaign",
          targetId: options.campaignId,
          after: { status: decision.status, winner, reason: decision.reason, released: held },
        },
        tx,
      );
      return { chunks, released: held };
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
  if (!outcome) return { status: "not-testing" };
  await tryRequest(() => requestChunks({ campaignId: options.campaignId, chunks: outcome.chunks }));
  return { status: decision.status, winner, released: outcome.released };
}

function sendTimeOf(variants: ExperimentVariant[], key: string, fallbackZone: string, after: Date) {
  const time = variants.find((v) => v.key === key)?.sendTime;
  return time ? { time, fallbackZone, after } : null;
}
