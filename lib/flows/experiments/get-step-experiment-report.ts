import { db } from "../../db";
import { variantValue } from "../../experiments/schemas";
import { variantTable, type VariantTable } from "../../experiments/variant-table";
import { AppError } from "../../errors";
import { getSettings } from "../../settings/get-settings";
import { flowDefinitionSchema, walkSteps } from "../schemas";
import { countStepVariantResults } from "./count-step-variant-results";
import type { StepLook } from "./look-at-step-experiment";
import type { StepExperiment } from "./schemas";
import type { AppliedVariant } from "./apply-step-winner";
import { experimentFingerprint, parseDefinition } from "./step-experiment-row";

export interface StepExperimentReport extends VariantTable {
  setup: StepExperiment;
  /** not_started: nobody has reached the step under this setup yet; applied: ended, a variant made the step's own. */
  status: "not_started" | "testing" | "decided" | "applied";
  winner: string | null;
  decidedAt: string | null;
  /** The latest look's verdict, and (test mode) when the test decides. */
  reason: string | null;
  decidesAt: string | null;
  attributionDays: number;
  currency: string;
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
  if (step.kind !== "send_email") return null;
  // Without an experiment now: the last one, if it ended by being applied to the step (its figures, as it ended).
  const ended = step.experiment
    ? null
    : ((
        await db.$queryRaw<{ fingerprint: string; definition: unknown; applied: AppliedVariant | null }[]>`
          SELECT fingerprint, definition, decision -> 'applied' AS applied FROM flow_step_experiments
          WHERE flow_id = ${opts.flowId} AND step_id = ${opts.stepId} ORDER BY id DESC LIMIT 1`
      )[0] ?? null);
  if (!step.experiment && !ended?.applied) return null;
  const setup = step.experiment ?? parseDefinition(ended!.definition);
  const applied = ended?.applied ?? null;
  const fingerprint = ended?.fingerprint ?? experimentFingerprint(setup);
  const { attributionDays, timeZone, currency } = await getSettings();
  const [row, earlier] = await Promise.all([
    db.flowStepExperiment.findUnique({
      where: { flowId_stepId_fingerprint: { flowId: opts.flowId, stepId: opts.stepId, fingerprint } },
      include: { allocations: { orderBy: { wave: "asc" } } },
    }),
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM flow_messages m JOIN flow_step_experiments e ON e.id = m.experiment_id
      WHERE m.flow_id = ${opts.flowId} AND m.step_id = ${opts.stepId} AND e.fingerprint <> ${fingerprint} AND e.id < coalesce((
        SELECT id FROM flow_step_experiments WHERE flow_id = ${opts.flowId} AND step_id = ${opts.stepId} AND fingerprint = ${fingerprint}),
        9223372036854775807)`,
  ]);
  const counts = row
    ? await countStepVariantResults({ experimentId: row.id, attributionDays })
    : { variants: [], holdout: { size: 0, converted: 0, revenue: { n: 0, mean: 0, variance: 0 } } };
  const templateIds = [step.templateId, applied?.own ?? "", ...setup.variants.map((v) => v.templateId ?? "")].filter(Boolean);
  const templates = new Map(
    (await db.emailTemplate.findMany({ where: { id: { in: templateIds } }, select: { id: true, name: true } })).map((t) => [t.id, t.name]),
  );
  const own =
    (applied?.own ? (setup.dimension === "content" ? templates.get(applied.own) : applied.own) : undefined) ??
    {
      subject: step.subject || "the template's subject",
      preheader: step.preheader || "the template's preheader",
      content: templates.get(step.templateId) ?? "the step's template",
      sender_name: step.senderName || "the default sender name",
      send_time: step.sendTime ? `${step.sendTime} in each recipient's time zone` : "as soon as they reach the step",
    }[setup.dimension];
  const variants = setup.variants.map((v) => {
    const value =
      setup.dimension === "content" && v.templateId
        ? (templates.get(v.templateId) ?? "a deleted template")
        : setup.dimension === "send_time" && v.sendTime
          ? `${v.sendTime} in each recipient's time zone`
          : variantValue(setup.dimension, v);
    return { key: v.key, value: value || own };
  });
  const look = row?.decision as Partial<StepLook> | null | undefined;
  return {
    ...variantTable({ metric: setup.metric, variants, counts: counts.variants, holdout: counts.holdout }),
    setup,
    status: applied ? "applied" : row ? (row.status as "testing" | "decided") : "not_started",
    winner: row?.winner ?? null,
    decidedAt: applied?.at ?? row?.decidedAt?.toISOString() ?? null,
    reason: look?.reason ?? null,
    decidesAt: look?.decidesAt ?? null,
    attributionDays,
    currency,
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
