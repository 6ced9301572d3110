import { db } from "../../db";
import type { HoldoutLift } from "../../experiments/holdout-lift";
import { variantValue } from "../../experiments/schemas";
import { AppError } from "../../errors";
import { getSettings } from "../../settings/get-settings";
import { flowDefinitionSchema, walkSteps } from "../schemas";
import { countStepVariantResults, stepSuccesses } from "./count-step-variant-results";
import type { StepLook } from "./look-at-step-experiment";
import type { StepExperiment } from "./schemas";
import { experimentFingerprint } from "./step-experiment-row";
import { liftOverHoldout, variantRows, type VariantRow } from "./step-variant-rows";

export interface StepExperimentReport {
  setup: StepExperiment;
  /** not_started: nobody has reached the step under this setup yet. */
  status: "not_started" | "testing" | "decided";
  winner: string | null;
  decidedAt: string | null;
  /** The latest look's verdict, and (test mode) when the test decides. */
  reason: string | null;
  decidesAt: string | null;
  variants: VariantRow[];
  holdout: { size: number; converted: number; rate: number } | null;
  /** Purchases within the attribution window of everyone sent the step against the holdout. */
  lift: HoldoutLift | null;
  attributionDays: number;
  /** The installation's zone, for the times shown. */
  timeZone: string;
  /** Bandits: the shares from each update on. */
  allocations: { wave: number; at: string; recipients: number; shares: Record<string, number> }[];
  /** People assigned under earlier setups of this step (before the experiment was last changed). */
  earlier: number;
}

/** A send step's experiment for the flow page (null when the step tests nothing): per-variant figures, intervals, lift over the holdout, the decision. */
export async function getStepExperimentReport(opts: { flowId: string; stepId: string }): Promise<StepExperimentReport | null> {
  const flow = await db.flow.findUnique({ where: { id: opts.flowId } });
  if (!flow) throw new AppError("not_found", `Flow ${opts.flowId} does not exist.`);
  const definition = flowDefinitionSchema.parse({ ...flow, exitOn: flow.exitOn, reentry: flow.reentry });
  const step = [...walkSteps(definition.steps)].map((s) => s.step).find((s) => s.id === opts.stepId);
  if (!step) throw new AppError("not_found", `Step ${opts.stepId} is not in this flow.`);
  if (step.kind !== "send_email" || !step.experiment) return null;
  const setup = step.experiment;
  const { attributionDays, timeZone } = await getSettings();
  const [row, earlier] = await Promise.all([
    db.flowStepExperiment.findUnique({
      where: { flowId_stepId_fingerprint: { flowId: opts.flowId, stepId: opts.stepId, fingerprint: experimentFingerprint(setup) } },
      include: { allocations: { orderBy: { wave: "asc" } } },
    }),
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM flow_messages m JOIN flow_step_experiments e ON e.id = m.experiment_id
      WHERE m.flow_id = ${opts.flowId} AND m.step_id = ${opts.stepId} AND e.fingerprint <> ${experimentFingerprint(setup)}`,
  ]);
  const counts = row
    ? await countStepVariantResults({ experimentId: row.id, attributionDays })
    : { variants: [], holdout: { size: 0, converted: 0 } };
  const templateIds = [step.templateId, ...setup.variants.map((v) => v.templateId ?? "")].filter(Boolean);
  const templates = new Map(
    (await db.emailTemplate.findMany({ where: { id: { in: templateIds } }, select: { id: true, name: true } })).map((t) => [t.id, t.name]),
  );
  const own = {
    subject: step.subject || "the template's subject",
    preheader: step.preheader || "the template's preheader",
    content: templates.get(step.templateId) ?? "the step's template",
    sender_name: "the default sender name",
  }[setup.dimension];
  const figures = setup.variants.map((v) => {
    const c = counts.variants.find((x) => x.key === v.key);
    const value =
      setup.dimension === "content" && v.templateId
        ? (templates.get(v.templateId) ?? "a deleted template")
        : variantValue(setup.dimension, v);
    return {
      key: v.key,
      value: value || own,
      sent: c?.sent ?? 0,
      opened: c?.opened ?? 0,
      clicked: c?.clicked ?? 0,
      converted: c?.converted ?? 0,
      successes: c ? stepSuccesses(c, setup.metric) : 0,
    };
  });
  const look = row?.decision as Partial<StepLook> | null | undefined;
  const h = counts.holdout;
  return {
    setup,
    status: row ? (row.status as "testing" | "decided") : "not_started",
    winner: row?.winner ?? null,
    decidedAt: row?.decidedAt?.toISOString() ?? null,
    reason: look?.reason ?? null,
    decidesAt: look?.decidesAt ?? null,
    variants: variantRows(figures),
    holdout: h.size ? { size: h.size, converted: h.converted, rate: h.converted / h.size } : null,
    lift: liftOverHoldout(figures, h),
    attributionDays,
    timeZone,
    allocations: (row?.allocations ?? []).map((a) => {
      const arms = a.arms as Record<string, { sent: number }>;
      return {
        wave: a.wave,
        at: a.at.toISOString(),
        recipients: Object.values(arms).reduce((s, x) => s + x.sent, 0),
        shares: a.shares as Record<string, number>,
      };
    }),
    earlier: earlier[0]?.n ?? 0,
  };
}
