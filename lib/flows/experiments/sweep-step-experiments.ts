import { getSettings } from "../../settings/get-settings";
import { loadLiveFlows } from "../load-live-flows";
import { walkSteps } from "../schemas";
import { db } from "../../db";
import { lookAtStepExperiment } from "./look-at-step-experiment";
import { experimentFingerprint } from "./step-experiment-row";
import type { BetaSampler, NormalSampler } from "../../experiments/thompson-sampling";

/**
 * What the flow engine runs every few seconds: one look at the current setup of every send step's
 * experiment in a live or paused flow (a setup replaced by an edit is left as it stood). Each look is
 * idempotent and locks its row, so any number of workers may sweep at once.
 */
export async function sweepStepExperiments(
  opts: { now?: Date; sample?: BetaSampler; sampleNormal?: NormalSampler; flowId?: string } = {},
): Promise<{ looked: number; decided: number }> {
  const now = opts.now ?? new Date();
  const testing = await db.flowStepExperiment.findMany({
    where: { status: "testing", flow: { status: { in: ["active", "paused"] } }, ...(opts.flowId ? { flowId: opts.flowId } : {}) },
    select: { id: true, flowId: true, stepId: true, fingerprint: true },
  });
  if (!testing.length) return { looked: 0, decided: 0 };
  const flows = await loadLiveFlows({ tx: db, ids: [...new Set(testing.map((t) => t.flowId))], statuses: ["active", "paused"] });
  const current = new Set<string>();
  for (const flow of flows)
    for (const { step } of walkSteps(flow.steps))
      if (step.kind === "send_email" && step.experiment) current.add(`${flow.id}/${step.id}/${experimentFingerprint(step.experiment)}`);
  const { attributionDays } = await getSettings();
  let looked = 0;
  let decided = 0;
  for (const t of testing) {
    if (!current.has(`${t.flowId}/${t.stepId}/${t.fingerprint}`)) continue;
    try {
      const r = await lookAtStepExperiment({
        experimentId: t.id,
        now,
        attributionDays,
        sample: opts.sample,
        sampleNormal: opts.sampleNormal,
      });
      looked++;
      if (r.status === "winner" || r.status === "inconclusive") decided++;
    } catch (err) {
      console.error(`Experiment of flow ${t.flowId}, step ${t.stepId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { looked, decided };
}
