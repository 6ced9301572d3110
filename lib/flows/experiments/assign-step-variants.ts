import type { Prisma } from "../../db";
import { HOLDOUT } from "../../experiments/schemas";
import { splitPoint } from "../split-point";
import type { StepExperiment } from "./schemas";
import { experimentFingerprint } from "./step-experiment-row";

export interface StepAssignment {
  experimentId: bigint;
  /** Each run's variant (A–D) or "holdout". */
  variants: Map<bigint, string>;
}

/** Picks an arm by a point in [0, 1) on the cumulative shares. */
function byShares(u: number, keys: string[], shares: Record<string, number>): string {
  const total = keys.reduce((s, k) => s + (shares[k] ?? 0), 0);
  let acc = 0;
  for (const k of keys) {
    acc += (shares[k] ?? 0) / (total || 1);
    if (u < acc) return k;
  }
  return keys.at(-1)!;
}

/**
 * Assigns the people reaching a send step with an experiment, in the engine's transaction (the
 * hand-off records the variant with the message, so a retry or a restart never changes it). The
 * setup's row is created on first use (a bandit's wave 0 shares evenly) and read FOR SHARE, so a
 * decision or a bandit update waits for this transaction and the other way round. Each run's draws
 * are fixed points of (run, step): `holdoutPercent` % are held out; the others get the winner once
 * decided, else a variant dealt evenly (test, sequential) or by the bandit's current shares.
 */
export async function assignStepVariants(opts: {
  tx: Prisma.TransactionClient;
  now: Date;
  flowId: string;
  stepId: string;
  experiment: StepExperiment;
  runIds: bigint[];
}): Promise<StepAssignment> {
  const { tx, now, flowId, stepId, experiment } = opts;
  const fingerprint = experimentFingerprint(experiment);
  const keys = experiment.variants.map((v) => v.key);
  const created = await tx.$queryRaw<{ id: bigint }[]>`
    INSERT INTO flow_step_experiments (flow_id, step_id, fingerprint, definition, created_at)
    VALUES (${flowId}, ${stepId}, ${fingerprint}, ${JSON.stringify(experiment)}::jsonb, ${now}::timestamptz)
    ON CONFLICT (flow_id, step_id, fingerprint) DO NOTHING
    RETURNING id`;
  if (created[0] && experiment.mode === "bandit") {
    const even = Object.fromEntries(keys.map((k) => [k, 1 / keys.length]));
    const arms = Object.fromEntries(keys.map((k) => [k, { sent: 0, successes: 0 }]));
    await tx.$executeRaw`
      INSERT INTO flow_step_experiment_allocations (experiment_id, wave, at, shares, arms)
      VALUES (${created[0].id}, 0, ${now}::timestamptz, ${JSON.stringify(even)}::jsonb, ${JSON.stringify(arms)}::jsonb)`;
  }
  const [row] = await tx.$queryRaw<{ id: bigint; status: string; winner: string | null }[]>`
    SELECT id, status, winner FROM flow_step_experiments
    WHERE flow_id = ${flowId} AND step_id = ${stepId} AND fingerprint = ${fingerprint} FOR SHARE`;
  const experimentId = BigInt(row!.id);
  let shares: Record<string, number> | null = null;
  if (experiment.mode === "bandit" && row!.status === "testing") {
    const [latest] = await tx.$queryRaw<{ shares: Record<string, number> }[]>`
      SELECT shares FROM flow_step_experiment_allocations WHERE experiment_id = ${experimentId} ORDER BY wave DESC LIMIT 1`;
    shares = latest?.shares ?? null;
  }
  const variants = new Map<bigint, string>();
  for (const runId of opts.runIds) {
    const variant =
      splitPoint(runId, `${stepId}:holdout`) * 100 < experiment.holdoutPercent
        ? HOLDOUT
        : row!.status === "decided" && row!.winner
          ? row!.winner
          : shares
            ? byShares(splitPoint(runId, `${stepId}:variant`), keys, shares)
            : keys[Math.floor(splitPoint(runId, `${stepId}:variant`) * keys.length)]!;
    variants.set(runId, variant);
  }
  return { experimentId, variants };
}
