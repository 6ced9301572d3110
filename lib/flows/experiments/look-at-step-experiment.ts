import { systemActor, writeAuditLog } from "../../audit/write-audit-log";
import { db } from "../../db";
import { banditShares } from "../../experiments/bandit-shares";
import { needsPurchases, variantResult, type ExperimentCounts } from "../../experiments/count-variant-results";
import { decideWinner, type VariantResult, type WinnerDecision } from "../../experiments/decide-winner";
import type { BetaSampler, NormalSampler } from "../../experiments/thompson-sampling";
import { countStepVariantResults } from "./count-step-variant-results";
import type { StepExperiment } from "./schemas";
import { parseDefinition } from "./step-experiment-row";

/** What a look stores (flow_step_experiments.decision) and the step's report shows. */
export interface StepLook extends Partial<WinnerDecision> {
  reason: string;
  lookedAt: string;
  variants?: VariantResult[];
  /** When the test decides at the latest (test mode, once its sample is sent). */
  decidesAt?: string;
  /** The sequential test's always-valid p-values against `leaderId`, carried to the next look. */
  pValues?: Record<string, number>;
  /** Bandits: the current shares. */
  shares?: Record<string, number>;
}

export interface StepLookResult {
  status: "not-testing" | "continue" | "winner" | "inconclusive" | "allocated";
  winner?: string;
  shares?: Record<string, number>;
}

/** What the decision reads of each variant: successes of the metric, and for revenue each variant's mean and variance. */
const results = (e: StepExperiment, counts: ExperimentCounts): VariantResult[] =>
  e.variants.map((v) =>
    variantResult(
      v.key,
      counts.variants.find((x) => x.key === v.key),
      e.metric,
    ),
  );

/** What a look counts: purchases only for conversion and revenue; a send-time test only within the wait after each send. */
const countOptions = (e: StepExperiment) => ({
  conversions: needsPurchases(e.metric),
  windowMinutes: e.dimension === "send_time" ? e.waitMinutes : undefined,
});

/**
 * One look at a step's experiment (the flow engine's sweep runs it every few seconds; tests pass
 * `now`). Test mode: nothing is decided before every variant has its sample sent and `waitMinutes`
 * have passed since (opens and clicks come in); then the fixed-horizon test on exactly each
 * variant's first `samplePerVariant` messages names the winner, or the control when inconclusive.
 * Sequential: the mSPRT may stop at any look (tests look once a minute at most), its always-valid p-values carried
 * while the leader stays; at `samplePerVariant` per variant without a clear winner, the control.
 * Once decided, everyone who reaches the step after gets the winner (the holdout still nothing).
 * Bandit: every `waitMinutes`, Thompson sampling on everything sent so far gives each arm its share
 * of the people who come next, stored as the next wave. The row is locked for the update.
 */
export async function lookAtStepExperiment(opts: {
  experimentId: bigint;
  now: Date;
  attributionDays: number;
  sample?: BetaSampler;
  sampleNormal?: NormalSampler;
}) {
  const { now, experimentId } = opts;
  const row = await db.flowStepExperiment.findUnique({ where: { id: experimentId } });
  if (!row || row.status !== "testing") return { status: "not-testing" } as StepLookResult;
  const e = parseDefinition(row.definition);
  const previous = row.decision as Partial<StepLook> | null;
  const store = async (look: StepLook, data: { sampleReachedAt?: Date } = {}) => {
    await db.flowStepExperiment.updateMany({
      where: { id: experimentId, status: "testing" },
      data: { decision: JSON.parse(JSON.stringify(look)), ...data },
    });
  };

  if (e.mode === "bandit") return stepBandit({ ...opts, e });

  // A test looks at most once a minute, and not at all while its sample's opens and clicks come in.
  if (previous?.lookedAt && now.getTime() - Date.parse(previous.lookedAt) < 60_000) return { status: "continue" };
  if (e.mode === "test" && row.sampleReachedAt && now.getTime() < row.sampleReachedAt.getTime() + e.waitMinutes * 60_000)
    return { status: "continue" };
  const counts = await countStepVariantResults({ experimentId, attributionDays: opts.attributionDays, ...countOptions(e) });
  const all = results(e, counts);
  const least = Math.min(...all.map((v) => v.trials));
  let sampleReachedAt = row.sampleReachedAt;
  if (!sampleReachedAt && least >= e.samplePerVariant) sampleReachedAt = now;
  const lookedAt = now.toISOString();

  let decision: WinnerDecision;
  let variants = all;
  let decidesAt: string | undefined;
  if (e.mode === "test") {
    if (!sampleReachedAt) {
      await store({ reason: `Waiting for the sample: ${least} of ${e.samplePerVariant} sent in the smallest variant`, lookedAt, variants });
      return { status: "continue" };
    }
    const at = new Date(sampleReachedAt.getTime() + e.waitMinutes * 60_000);
    decidesAt = at.toISOString();
    if (now < at) {
      await store(
        { reason: `Sample sent: waiting for its ${responsesOf(e)} before deciding`, lookedAt, variants, decidesAt },
        { sampleReachedAt },
      );
      return { status: "continue" };
    }
    const sample = await countStepVariantResults({
      experimentId,
      attributionDays: opts.attributionDays,
      ...countOptions(e),
      firstPerVariant: e.samplePerVariant,
    });
    variants = results(e, sample);
    decision = decideWinner({ variants, rule: { method: "fixed", alpha: e.alpha, samplePerVariant: e.samplePerVariant }, now });
  } else {
    const rate = (v: VariantResult) => v.mean ?? (v.trials ? v.successes / v.trials : 0);
    const leader = all.reduce((best, v) => (rate(v) > rate(best) ? v : best), all[0]!);
    const carried = previous?.leaderId === leader.id ? previous.pValues : undefined;
    decision = decideWinner({
      variants,
      rule: { method: "sequential", alpha: e.alpha, tau: e.tau, deadline: sampleReachedAt ?? undefined },
      now,
      previousPValues: carried,
    });
  }
  const look: StepLook = {
    ...decision,
    variants,
    lookedAt,
    decidesAt,
    pValues: Object.fromEntries(decision.comparisons.map((c) => [c.againstId, c.pValue])),
  };
  if (decision.status === "continue") {
    await store(look, sampleReachedAt ? { sampleReachedAt } : {});
    return { status: "continue" };
  }
  const winner = decision.winnerId!;
  const decided = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM flow_step_experiments WHERE id = ${experimentId} AND status = 'testing' FOR UPDATE`;
    if (!locked.length) return false;
    await tx.flowStepExperiment.update({
      where: { id: experimentId },
      data: { status: "decided", winner, decidedAt: now, sampleReachedAt, decision: JSON.parse(JSON.stringify(look)) },
    });
    await writeAuditLog(
      {
        actor: systemActor("worker"),
        action: "flow.experiment_decide",
        targetType: "flow",
        targetId: row.flowId,
        after: { stepId: row.stepId, status: decision.status, winner, reason: decision.reason },
      },
      tx,
    );
    return true;
  });
  return decided ? { status: decision.status, winner } : { status: "not-testing" };
}

async function stepBandit(opts: {
  experimentId: bigint;
  now: Date;
  attributionDays: number;
  sample?: BetaSampler;
  sampleNormal?: NormalSampler;
  e: StepExperiment;
}): Promise<StepLookResult> {
  const { experimentId, now, e } = opts;
  const last = await db.flowStepExperimentAllocation.findFirst({ where: { experimentId }, orderBy: { wave: "desc" } });
  if (last && now.getTime() < last.at.getTime() + e.waitMinutes * 60_000) return { status: "continue" };
  const counts = await countStepVariantResults({ experimentId, attributionDays: opts.attributionDays, ...countOptions(e) });
  const arms = results(e, counts);
  const {
    shares,
    arms: armsJson,
    leader,
  } = banditShares({
    metric: e.metric,
    keys: e.variants.map((v) => v.key),
    counts: counts.variants,
    sample: opts.sample,
    sampleNormal: opts.sampleNormal,
  });
  const wave = (last?.wave ?? -1) + 1;
  const inserted = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM flow_step_experiments WHERE id = ${experimentId} AND status = 'testing' FOR UPDATE`;
    if (!locked.length) return 0;
    const n = await tx.$executeRaw`
      INSERT INTO flow_step_experiment_allocations (experiment_id, wave, at, shares, arms)
      VALUES (${experimentId}, ${wave}, ${now}::timestamptz, ${JSON.stringify(shares)}::jsonb, ${JSON.stringify(armsJson)}::jsonb)
      ON CONFLICT DO NOTHING`;
    if (n) {
      const look: StepLook = {
        reason: `${leader} is most likely the best: it gets ${Math.round(100 * shares[leader]!)} % of the people who reach the step`,
        lookedAt: now.toISOString(),
        leaderId: leader,
        shares,
        variants: arms,
      };
      await tx.flowStepExperiment.update({ where: { id: experimentId }, data: { decision: JSON.parse(JSON.stringify(look)) } });
    }
    return n;
  });
  return inserted ? { status: "allocated", shares } : { status: "continue" };
}

/** What a test waits for after its sample is sent, in words. */
function responsesOf(e: StepExperiment): string {
  return { open: "opens", click: "clicks", conversion: "purchases", revenue: "purchases" }[e.metric];
}
